import { readFileSync } from "node:fs";
import type { MessagePublishedData } from "../queue/push-event.js";

/** A Pub/Sub push CloudEvent in structured form, as the functions-framework conformance fixtures have it. */
export interface PushCloudEvent {
  specversion: string;
  type: string;
  source: string;
  id: string;
  time: string;
  datacontenttype: string;
  data: MessagePublishedData & { message: { "@type"?: string } };
  [extension: string]: unknown;
}

const fixture = (name: string): PushCloudEvent => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as PushCloudEvent;

/** Google's sample messagePublished events (data "test message 3" with an attribute, and binary bytes). */
export const pushFixtures = {
  text: () => fixture("pubsub_text-cloudevent-input.json"),
  binary: () => fixture("pubsub_binary-cloudevent-input.json"),
};

/** What a pushed Pub/Sub test event carries: the data, id, attributes and attempt. */
export interface PushEventOptions {
  /** The message bytes (a string is sent as UTF-8). */
  data: string | Uint8Array;
  messageId?: string;
  attributes?: Record<string, string>;
  deliveryAttempt?: number;
  /** Full names, `projects/P/topics/T` and `projects/P/subscriptions/S`; the fixture's by default. */
  topic?: string;
  subscription?: string;
  publishTime?: Date;
}

let sequence = 0;

/** Google's text fixture with this message in it: the same envelope, with this message's data, id and attributes. */
export function pubsubPushEvent(options: PushEventOptions): PushCloudEvent {
  const event = pushFixtures.text();
  const messageId = options.messageId ?? `${Date.now()}${++sequence}`;
  event.id = messageId;
  event.time = (options.publishTime ?? new Date()).toISOString();
  if (options.topic) event.source = `//pubsub.googleapis.com/${options.topic}`;
  if (options.subscription) event.data.subscription = options.subscription;
  event.data.message = {
    ...event.data.message,
    messageId,
    publishTime: event.time,
    data: Buffer.from(options.data).toString("base64"),
    attributes: options.attributes ?? {},
  };
  if (options.deliveryAttempt !== undefined) event.data.deliveryAttempt = options.deliveryAttempt;
  return event;
}

/** How a CloudEvent is sent over HTTP: binary (ce-* headers) or structured (the event as JSON). */
export type ContentMode = "binary" | "structured";

/** The HTTP request that delivers the event: ce-* headers and the data as body, or the whole event as JSON. */
export function pushRequest(event: PushCloudEvent, mode: ContentMode): { headers: Record<string, string>; body: string } {
  if (mode === "structured") {
    return { headers: { "content-type": "application/cloudevents+json" }, body: JSON.stringify(event) };
  }
  const { data, datacontenttype, ...attributes } = event;
  const headers: Record<string, string> = { "content-type": datacontenttype };
  for (const [name, value] of Object.entries(attributes)) headers[`ce-${name}`] = String(value);
  return { headers, body: JSON.stringify(data) };
}
