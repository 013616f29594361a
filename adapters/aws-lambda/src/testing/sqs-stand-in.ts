import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { QueuedMessage } from "./sqs-events.js";

/** An SQS endpoint on loopback that keeps what SendMessage puts on each queue. */
export interface SqsStandIn {
  /** The endpoint to give the SQSClient (`endpoint`), so that it does not send to the queue URL's host. */
  url: string;
  /** What SendMessage put on each queue, by queue URL, as ReceiveMessage would hand it back. */
  queued(queueUrl: string): QueuedMessage[];
  /**
   * The next `count` sends answer 500 InternalError, as SQS does when it fails, on every try the
   * SDK makes of them (one call's tries share its amz-sdk-invocation-id): the publish itself fails.
   */
  failSends(count: number): void;
  close(): Promise<void>;
}

interface SendMessageRequest {
  QueueUrl?: string;
  MessageBody?: string;
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string }>;
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/**
 * SendMessage and SendMessageBatch over SQS's JSON protocol (AWS JSON 1.0) on loopback. No SQS server runs here:
 * this takes the SDK's real, signed request off the wire and answers with the MD5 the SDK checks.
 * Any other operation is refused, so a test cannot lean on what this does not do.
 */
export async function sqsStandIn(): Promise<SqsStandIn> {
  const queues = new Map<string, QueuedMessage[]>();
  let failing = 0;
  const failedCalls = new Set<string>();
  const fails = (call: string) => {
    if (!failedCalls.has(call) && failing > 0) {
      failing -= 1;
      failedCalls.add(call);
    }
    return failedCalls.has(call);
  };
  const server = createServer(async (request, response) => {
    const target = request.headers["x-amz-target"];
    const answer = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
      response.end(JSON.stringify(value));
    };
    const isSend = target === "AmazonSQS.SendMessage" || target === "AmazonSQS.SendMessageBatch";
    if (isSend && fails(String(request.headers["amz-sdk-invocation-id"] ?? randomUUID())))
      return answer(500, { __type: "com.amazonaws.sqs#InternalError", message: "We encountered an internal error. Please try again." });
    if (target === "AmazonSQS.SendMessageBatch") {
      const batch = JSON.parse(await text(request)) as { QueueUrl?: string; Entries?: (SendMessageRequest & { Id?: string })[] };
      if (!batch.QueueUrl || !batch.Entries?.length || batch.Entries.some((entry) => !entry.Id || entry.MessageBody === undefined))
        return answer(400, { __type: "com.amazonaws.sqs#MissingParameter", message: "QueueUrl and Entries with Id and MessageBody" });
      const sent = batch.Entries.map((entry) => ({ id: randomUUID(), body: entry.MessageBody!, attributes: {} }));
      queues.set(batch.QueueUrl, [...(queues.get(batch.QueueUrl) ?? []), ...sent]);
      return answer(200, {
        Successful: batch.Entries.map((entry, i) => ({ Id: entry.Id, MessageId: sent[i]!.id, MD5OfMessageBody: md5(entry.MessageBody!) })),
        Failed: [],
      });
    }
    if (target !== "AmazonSQS.SendMessage") return answer(400, { __type: "com.amazonaws.sqs#UnsupportedOperation", message: `${target} is not served here` });
    const input = JSON.parse(await text(request)) as SendMessageRequest;
    if (!input.QueueUrl || input.MessageBody === undefined)
      return answer(400, { __type: "com.amazonaws.sqs#MissingParameter", message: "QueueUrl and MessageBody" });
    const attributes = Object.fromEntries(Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? ""]));
    const message: QueuedMessage = { id: randomUUID(), body: input.MessageBody, attributes };
    queues.set(input.QueueUrl, [...(queues.get(input.QueueUrl) ?? []), message]);
    answer(200, { MessageId: message.id, MD5OfMessageBody: md5(input.MessageBody) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queued: (queueUrl) => [...(queues.get(queueUrl) ?? [])],
    failSends(count) {
      failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function text(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
