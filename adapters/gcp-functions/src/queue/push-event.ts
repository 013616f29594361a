import type { CloudEvent } from "@google-cloud/functions-framework";
import type { Message } from "@skyport/core";
import { MalformedPushEvent } from "../errors.js";

/** The CloudEvent type of a Pub/Sub message pushed to a function. */
export const MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

/** The CloudEvent's data: Pub/Sub's push body (google.events.cloud.pubsub.v1.MessagePublishedData). */
export interface MessagePublishedData {
  message: {
    /** Base64 of the message bytes. */
    data?: string;
    attributes?: Record<string, string>;
    messageId: string;
    publishTime?: string;
    orderingKey?: string;
  };
  subscription?: string;
  /** Present when the subscription has a dead-letter policy: 1 on the first delivery. */
  deliveryAttempt?: number;
}

/** A Pub/Sub push CloudEvent, binary or structured, as core's Message. */
export function fromPushEvent(event: CloudEvent<unknown> | undefined): Message {
  if (!event || event.type !== MESSAGE_PUBLISHED) {
    throw new MalformedPushEvent(`not a ${MESSAGE_PUBLISHED} event (type ${JSON.stringify(event?.type)})`);
  }
  const data = eventData(event.data);
  const message = (data as Partial<MessagePublishedData>).message;
  if (message === null || typeof message !== "object") throw new MalformedPushEvent("event data has no message");
  const id = typeof message.messageId === "string" && message.messageId ? message.messageId : event.id;
  if (message.data !== undefined && typeof message.data !== "string") throw new MalformedPushEvent("message data is not base64 text");
  return {
    id,
    body: Buffer.from(message.data ?? "", "base64").toString("utf8"),
    attempt: deliveryAttempt((data as Partial<MessagePublishedData>).deliveryAttempt),
    attributes: stringAttributes(message.attributes),
  };
}

/** Binary mode gives the parsed JSON body; other content types arrive as text or bytes. */
function eventData(data: unknown): object {
  let value = data;
  if (typeof value === "string" || value instanceof Uint8Array) {
    try {
      value = JSON.parse(Buffer.from(value).toString("utf8"));
    } catch {
      throw new MalformedPushEvent("event data is not JSON");
    }
  }
  if (value === null || typeof value !== "object") throw new MalformedPushEvent("event has no data");
  return value;
}

function deliveryAttempt(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : 1;
}

function stringAttributes(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
