import { pubsubPushEvent, pushFixtures, pushRequest } from "@skyport/gcp-functions/testing";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gcpApp } from "./gcp-app.js";
import { uniqueProject } from "./function-env.js";

const JSON_HEADERS = { "content-type": "application/json" };
const newOrder = () => JSON.stringify({ customerId: uniqueCustomer(), items: [{ sku: "A", quantity: 2, unitPrice: 150 }], currency: "EUR" });

describe("Pub/Sub push to the queue function", () => {
  let app: Awaited<ReturnType<typeof gcpApp>>;
  beforeAll(async () => {
    app = await gcpApp(uniqueProject("push"), { SKYPORT_LOG_LEVEL: "info" });
  });
  afterAll(() => app.close());

  const createOrder = async () => {
    const response = await app.send({ method: "POST", path: "/orders", headers: JSON_HEADERS, body: newOrder() });
    expect(response.status, response.body).toBe(201);
    return JSON.parse(response.body) as { id: string; status: string };
  };
  const readOrder = async (id: string) => JSON.parse((await app.send({ method: "GET", path: `/orders/${id}` })).body) as { status: string; version: number };

  it("confirms the order named by a push CloudEvent exactly as Google delivers it (binary mode, from Google's fixture)", async () => {
    // Seeded behind the functions' back: only this event can confirm it.
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await app.peer.orders.create(order);
    const fixture = pushFixtures.text();
    const event = pubsubPushEvent({ data: JSON.stringify({ type: "order.created", orderId: order.id }), attributes: fixture.data.message.attributes! });
    expect(Object.keys(event).sort()).toEqual(Object.keys(fixture).sort());
    expect(Object.keys(event.data.message).sort()).toEqual(Object.keys(fixture.data.message).sort());
    const { headers, body } = pushRequest(event, "binary");
    const response = await fetch(app.urls.queue, { method: "POST", headers, body });
    expect(response.status).toBe(204);
    expect(await readOrder(order.id)).toMatchObject({ status: "confirmed", version: 2 });
  });

  it("confirms a new order end to end: Firestore's trigger reaches the outbox, which publishes to Pub/Sub, pushed to the queue function", async () => {
    const { id, status } = await createOrder();
    expect(status).toBe("pending");
    await app.settle();
    expect(await readOrder(id)).toMatchObject({ status: "confirmed", version: 2 });
    const published = app.relay.pushed().map((data) => JSON.parse(data));
    expect(published).toContainEqual({ type: "order.created", orderId: id });
  });

  it("carries the outbox invocation's trace into the queue function through the message attributes", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const response = await app.send({
      method: "POST",
      path: "/orders",
      headers: { ...JSON_HEADERS, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: newOrder(),
    });
    const { id } = JSON.parse(response.body) as { id: string };
    await app.settle();
    // The document event starts a trace of its own (the request's does not travel through the store); order.created carries it on.
    const announced = app.lines.find((line) => line.message === "order.created published" && line.orderId === id)!;
    const outboxTrace = announced.traceId as string;
    expect(outboxTrace).toMatch(/^[0-9a-f]{32}$/);
    expect(outboxTrace).not.toBe(traceId);
    const confirmed = app.lines.find((line) => line.message === "order confirmed" && line.orderId === id);
    expect(confirmed).toMatchObject({
      traceId: outboxTrace,
      "logging.googleapis.com/trace": `projects/${app.env.GOOGLE_CLOUD_PROJECT}/traces/${outboxTrace}`,
    });
  });
});
