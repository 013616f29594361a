import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { lambdaContext, sqsEvent, sqsStandIn, type QueuedMessage } from "@skyport/aws-lambda/testing";

/** The function the event source mapping invokes with a batch: a handler in this process, or a Lambda process. */
export type SqsConsumer = (event: SQSEvent, lambda: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

/** The orders queue's redrive policy (deploy/aws/template.yaml): the fifth receive that fails sends a message to the dead-letter queue. */
const MAX_RECEIVE_COUNT = 5;
/** The event source mapping's batch size. */
const BATCH_SIZE = 10;

export interface SqsRelay {
  /** The orders queue's URL: the stand-in is its host. */
  queueUrl: string;
  /**
   * The publishing functions' variables: the queue URL (SKYPORT_TOPIC_ORDERS), and the SDK's own
   * endpoint variable at the same host, which only spares the SDK's warning that the two differ.
   */
  env: { SKYPORT_TOPIC_ORDERS: string; AWS_ENDPOINT_URL_SQS: string };
  /** A queue URL of `name` on the same stand-in (a dead-letter queue, for instance). */
  queueUrlOf(name: string): string;
  /** Every message sent to the orders queue (or to `queueUrl`), as the stand-in took it off the wire. */
  sent(queueUrl?: string): QueuedMessage[];
  /** What is on the orders queue and not yet delivered (redeliveries included). */
  queued(): QueuedMessage[];
  /** What the redrive policy moved to the dead-letter queue. */
  deadLettered(): QueuedMessage[];
  /** The next `count` publishes fail as SQS fails them (500 on every try), before anything is queued. */
  failSends(count: number): void;
  /**
   * Delivers what is queued to `consumer`, as the event source mapping does, until the queue is
   * empty: a message the batch reported failed, or every message of a batch whose invocation
   * failed, comes back with its receive count one higher, until MAX_RECEIVE_COUNT.
   */
  settle(consumer: SqsConsumer): Promise<void>;
  close(): Promise<void>;
}

/**
 * The orders queue between the functions: the publishers' real SQS clients send over SQS's JSON
 * protocol to a loopback stand-in at the queue URL's host (the SDK sends to the queue URL's host
 * whatever AWS_ENDPOINT_URL_SQS says, and no SQS server runs here), and what it took is delivered
 * to the queue function as Lambda's event source mapping would.
 */
export async function sqsRelay(): Promise<SqsRelay> {
  const sqs = await sqsStandIn();
  const queueUrlOf = (name: string) => `${sqs.url}/123456789012/${name}`;
  const queueUrl = queueUrlOf("skyport-orders");
  const waiting: QueuedMessage[] = [];
  const deadLetters: QueuedMessage[] = [];
  let received = 0;
  /** Moves what was sent since the last look onto the queue, first receive. */
  const receive = () => {
    const sent = sqs.queued(queueUrl);
    for (const message of sent.slice(received)) waiting.push({ ...message, attempt: 1 });
    received = sent.length;
    return waiting;
  };
  return {
    queueUrl,
    env: { SKYPORT_TOPIC_ORDERS: queueUrl, AWS_ENDPOINT_URL_SQS: sqs.url },
    queueUrlOf,
    sent: (url = queueUrl) => sqs.queued(url),
    queued: () => [...receive()],
    deadLettered: () => [...deadLetters],
    failSends: (count) => sqs.failSends(count),
    async settle(consumer) {
      while (receive().length > 0) {
        const batch = waiting.splice(0, BATCH_SIZE);
        let failed: Set<string>;
        try {
          const { batchItemFailures } = await consumer(sqsEvent(batch), lambdaContext({ functionName: "skyport-orders-queue" }));
          failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
        } catch {
          // The invocation failed (an error, a crash): no message was deleted, the whole batch is visible again.
          failed = new Set(batch.map((message) => message.id));
        }
        for (const message of batch.filter((each) => failed.has(each.id))) {
          const attempt = message.attempt ?? 1;
          if (attempt < MAX_RECEIVE_COUNT) waiting.push({ ...message, attempt: attempt + 1 });
          else deadLetters.push(message);
        }
      }
    },
    close: () => sqs.close(),
  };
}
