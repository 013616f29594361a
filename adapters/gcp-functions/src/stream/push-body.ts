import type { StreamRecord } from "@skyport/core";

/** What a Pub/Sub push subscription POSTs (not wrapped in a CloudEvent: Eventarc's triggers do not keep order). */
export interface PushBody {
  message: {
    /** Base64 of the message bytes. */
    data?: string;
    attributes?: Record<string, string>;
    messageId: string;
    publishTime?: string;
    /** Set by an ordered publish; Google's push sends it, the emulator leaves it out. */
    orderingKey?: string;
  };
  subscription: string;
  /** Present when the subscription has a dead-letter policy; the emulator leaves it out. */
  deliveryAttempt?: number;
}

/** Whether a request body is a Pub/Sub push of one message. */
export function isPushBody(body: unknown): body is PushBody {
  const message = (body as Partial<PushBody> | null)?.message;
  return (
    typeof message === "object" && message !== null && typeof message.messageId === "string" && (message.data === undefined || typeof message.data === "string")
  );
}

/**
 * One pushed message as one stream record: the ordering key as the key (else the publisher's
 * `orderingKey` attribute, else the message id: a key of its own), the message id as the position.
 * Push delivers one message per request, so per-key order within the batch is Pub/Sub's to keep.
 */
export function fromPushBody({ message, deliveryAttempt }: PushBody): StreamRecord {
  const attributes = Object.fromEntries(Object.entries(message.attributes ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  return {
    key: message.orderingKey || attributes.orderingKey || message.messageId,
    position: message.messageId,
    data: Buffer.from(message.data ?? "", "base64").toString("utf8"),
    attempt: typeof deliveryAttempt === "number" && Number.isInteger(deliveryAttempt) && deliveryAttempt >= 1 ? deliveryAttempt : 1,
    attributes,
  };
}
