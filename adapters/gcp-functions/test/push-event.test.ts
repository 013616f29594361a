import { describe, expect, it } from "vitest";
import { MalformedPushEvent, fromPushEvent } from "../src/index.js";
import { pubsubPushEvent, pushFixtures } from "../src/testing/index.js";

describe("a Pub/Sub push CloudEvent as core's Message", () => {
  it("reads Google's sample event: base64 data, attributes, message id, first attempt", () => {
    expect(fromPushEvent(pushFixtures.text())).toEqual({
      id: "aaaaaa-1111-bbbb-2222-cccccccccccc",
      body: "test message 3",
      attempt: 1,
      attributes: { attr1: "attr1-value" },
    });
  });

  it("reads Google's sample event without attributes", () => {
    expect(fromPushEvent(pushFixtures.binary())).toMatchObject({ body: "\u0001\u0002\u0003\u0004", attributes: {} });
  });

  it("takes deliveryAttempt as the attempt", () => {
    const event = pubsubPushEvent({ data: "{}", deliveryAttempt: 4 });
    expect(fromPushEvent(event).attempt).toBe(4);
  });

  it("reads data that arrived as JSON text or bytes", () => {
    const event = pubsubPushEvent({ data: "hello", messageId: "m-1" });
    expect(fromPushEvent({ ...event, data: JSON.stringify(event.data) })).toMatchObject({ id: "m-1", body: "hello" });
    expect(fromPushEvent({ ...event, data: Buffer.from(JSON.stringify(event.data)) })).toMatchObject({ id: "m-1", body: "hello" });
  });

  it("refuses events that are not a messagePublished event it can read", () => {
    const event = pubsubPushEvent({ data: "{}" });
    const broken = [
      undefined,
      { ...event, type: "google.cloud.storage.object.v1.finalized" },
      { ...event, data: undefined },
      { ...event, data: "not json" },
      { ...event, data: { subscription: "s" } },
      { ...event, data: { message: { messageId: "m", data: 42 } } },
    ];
    for (const candidate of broken) expect(() => fromPushEvent(candidate as never)).toThrow(MalformedPushEvent);
  });
});
