import { randomUUID } from "node:crypto";
import { SendMessageCommand, SQSClient, type SendMessageCommandInput } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import type { LambdaQueueHandler as LambdaSqsHandler } from "@skyport/aws-lambda";
import { lambdaContext, sqsEvent } from "@skyport/aws-lambda/testing";

/**
 * The orders queue between the HTTP and queue functions, in one test process: SendMessage is
 * taken at the SDK client (no SQS emulator here speaks the current protocol) and delivered as
 * the event source mapping would, in batches of up to 10, redelivering what a batch reported.
 */
export function sqsRelay(queueUrl: string, consumer: LambdaSqsHandler) {
  const sqs = mockClient(SQSClient);
  const queued: { id: string; input: SendMessageCommandInput; attempt: number }[] = [];
  let failing = 0;
  sqs.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => {
    if (input.QueueUrl !== queueUrl) throw new Error(`SendMessage to ${input.QueueUrl}, not the orders queue`);
    if (failing > 0) {
      failing -= 1;
      throw Object.assign(new Error("We encountered an internal error. Please try again."), { name: "InternalError", $fault: "server" });
    }
    const id = randomUUID();
    queued.push({ id, input, attempt: 1 });
    return { MessageId: id };
  });
  return {
    sent: () => sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input),
    /** What was queued and not yet delivered. */
    queued: () => queued.map((message) => message.input),
    /** The next `count` sends fail as SQS fails them (a 500), before anything is queued. */
    failSends(count: number) {
      failing = count;
    },
    /** Delivers everything queued; a reported failure is redelivered once, then set aside (the DLQ's part). */
    async settle(): Promise<void> {
      while (queued.length) {
        const batch = queued.splice(0, 10);
        const attributes = (input: SendMessageCommandInput) =>
          Object.fromEntries(Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? ""]));
        const event = sqsEvent(batch.map(({ id, input, attempt }) => ({ id, body: input.MessageBody!, attempt, attributes: attributes(input) })));
        const { batchItemFailures } = await consumer(event, lambdaContext({ functionName: "skyport-orders-queue" }));
        for (const failure of batchItemFailures) {
          const message = batch.find((m) => m.id === failure.itemIdentifier)!;
          if (message.attempt < 2) queued.push({ ...message, attempt: message.attempt + 1 });
        }
      }
    },
    restore: () => sqs.restore(),
  };
}
