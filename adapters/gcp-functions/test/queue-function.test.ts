import { cloudEvent } from "@google-cloud/functions-framework";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderAt, queueContract, uniqueCustomer } from "@skyport/core/orders/testing";
import type { Lazy, QueueHandler } from "@skyport/core";
import { gcpQueueHandler } from "../src/index.js";
import { POISON_REFUSED } from "../src/queue/handler.js";
import { pubsubPushEvent, pushDelivery, pushFixtures, pushRequest, serveFunction, type ContentMode, type PushCloudEvent } from "../src/testing/index.js";
import { capturedLogger, memoryOrderService } from "./order-service.js";

let registered = 0;

/** Registers the queue function under a fresh name and serves it on loopback. */
async function serveQueue(functions: Lazy<QueueHandler>) {
  const { logger, lines } = capturedLogger();
  const name = `ordersQueue${++registered}`;
  cloudEvent(name, gcpQueueHandler(functions, { logger }));
  const server = await serveFunction(name);
  const deliver = async (event: PushCloudEvent, mode: ContentMode) => {
    const { headers, body } = pushRequest(event, mode);
    return fetch(server.url, { method: "POST", headers, body });
  };
  const refusedAsPoison = (body: string, since = 0) => lines.slice(since).some((line) => line.message === POISON_REFUSED && line.body === body);
  return { server, deliver, lines, refusedAsPoison };
}

for (const mode of ["binary", "structured"] as const) {
  queueContract(`functions framework CloudEvent function, Pub/Sub push in ${mode} mode, memory store`, async () => {
    const { deps, service } = memoryOrderService();
    const queue = await serveQueue(async () => service.queue);
    return {
      orders: deps.orders,
      deliver: pushDelivery(queue.server.url, mode, () => queue.lines),
      close: queue.server.close,
    };
  });
}

describe("Pub/Sub semantics", () => {
  let queue: Awaited<ReturnType<typeof serveQueue>>;
  let orders: ReturnType<typeof memoryOrderService>["deps"]["orders"];
  beforeAll(async () => {
    const { deps, service } = memoryOrderService();
    orders = deps.orders;
    queue = await serveQueue(async () => service.queue);
  });
  afterAll(() => queue.server.close());

  it("refuses Google's sample events, which are not order events, so that the dead-letter policy takes them, and logs them", async () => {
    for (const event of [pushFixtures.text(), pushFixtures.binary()]) {
      for (const mode of ["binary", "structured"] as const) {
        const response = await queue.deliver(event, mode);
        expect(response.status).toBe(500);
      }
      expect(queue.refusedAsPoison(Buffer.from(event.data.message.data!, "base64").toString())).toBe(true);
    }
    const logged = queue.lines.find((line) => line.message === POISON_REFUSED);
    expect(logged).toMatchObject({ severity: "ERROR", body: "test message 3", subscription: "projects/sample-project/subscriptions/sample-subscription" });
  });

  it("confirms the order of an order.created event and carries its attempt and traceparent into the log", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await orders.create(order);
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const event = pubsubPushEvent({
      data: JSON.stringify({ type: "order.created", orderId: order.id }),
      messageId: "confirm-a",
      attributes: { traceparent },
      deliveryAttempt: 3,
    });
    expect((await queue.deliver(event, "binary")).status).toBe(204);
    expect(await orders.get(order.id)).toMatchObject({ status: "confirmed" });
    expect(queue.lines.find((line) => line.messageId === "confirm-a" && line.message === "order confirmed")).toMatchObject({
      attempt: 3,
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      "logging.googleapis.com/trace": "projects/demo-skyport/traces/4bf92f3577b34da6a3ce929d0e0e4736",
    });
  });

  it("refuses an event that is not a Pub/Sub message at all, and logs it: never dropped", async () => {
    const event = { ...pubsubPushEvent({ data: "{}", messageId: "not-a-message" }), type: "google.cloud.storage.object.v1.finalized" };
    expect((await queue.deliver(event, "structured")).status).toBe(500);
    expect(queue.lines.some((line) => line.message === "push event refused: not a Pub/Sub message" && line.eventId === event.id)).toBe(true);
  });
});

describe("a retryable failure", () => {
  it("answers 500, so that Pub/Sub redelivers the message", async () => {
    // Core's consumer reports a retryable failure when the store cannot be reached; this one says so directly.
    const queue = await serveQueue(async () => async (messages) => ({ failed: messages.map((m) => ({ id: m.id, retryable: true })) }));
    try {
      const event = pubsubPushEvent({ data: "{}", deliveryAttempt: 2 });
      const since = queue.lines.length;
      const response = await queue.deliver(event, "binary");
      expect(response.status).toBe(500);
      expect(response.headers.get("x-google-status")).toBe("error");
      expect(queue.refusedAsPoison("{}", since)).toBe(false);
    } finally {
      await queue.server.close();
    }
  });
});
