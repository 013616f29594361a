import type { InvocationContext } from "@azure/functions";
import type { Message } from "@skyport/core";

/**
 * The message text as sent. The library hands over a message that parses as JSON already
 * parsed, and anything else as a string; JSON.stringify gives the first back as text.
 */
function messageText(queueItem: unknown): string {
  if (typeof queueItem === "string") return queueItem;
  if (queueItem instanceof Uint8Array) return Buffer.from(queueItem).toString("utf8");
  return JSON.stringify(queueItem) ?? "";
}

/** The producer's traceparent, which the Storage Queue publisher carries inside the JSON. */
function producerTraceparent(queueItem: unknown): string | undefined {
  const traceparent = (queueItem as { traceparent?: unknown } | null)?.traceparent;
  return typeof traceparent === "string" ? traceparent : undefined;
}

/**
 * One Storage Queue message as the Functions host delivers it -> the neutral message.
 * `triggerMetadata.dequeueCount` (1 on first delivery) is the attempt; `id` the message id.
 */
export function fromStorageQueueMessage(queueItem: unknown, invocation: InvocationContext): Message {
  const metadata = invocation.triggerMetadata ?? {};
  const dequeueCount = Number(metadata.dequeueCount);
  const traceparent = producerTraceparent(queueItem);
  return {
    id: typeof metadata.id === "string" ? metadata.id : invocation.invocationId,
    body: messageText(queueItem),
    attempt: Number.isInteger(dequeueCount) && dequeueCount >= 1 ? dequeueCount : 1,
    attributes: traceparent ? { traceparent } : {},
  };
}
