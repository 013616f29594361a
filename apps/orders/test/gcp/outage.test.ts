import { orderAt, switchableProxy, uniqueCustomer, type SwitchableProxy } from "@skyport/core/testing";
import { pubsubPushEvent, pushRequest } from "@skyport/gcp-functions/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { gcpApp } from "./gcp-app.js";
import { uniqueProject } from "./function-env.js";

/**
 * Firestore goes away mid-run: a proxy in front of the emulator resets every connection. Nothing
 * here writes while it is away: a write abandoned at the store's deadline may still land later
 * (the SDK retries it on its own), which is the store's concern and core's outage contract's.
 */
describe("GCP functions while Firestore is unreachable", () => {
  let proxy: SwitchableProxy;
  let app: Awaited<ReturnType<typeof gcpApp>>;
  beforeAll(async () => {
    const emulatorPort = Number(inject("gcp").firestoreHost.split(":")[1]);
    proxy = await switchableProxy(emulatorPort);
    // A short per-operation deadline, as in the store's own outage test: the default (10 s, tried three times) is for production.
    app = await gcpApp(uniqueProject("outage"), {}, { host: `127.0.0.1:${proxy.port}`, deadlineMs: 1500 });
  });
  afterAll(async () => {
    proxy.up();
    await app.close();
    await proxy.close();
  });

  /** Until the client has reconnected, reads may still fail; the store is back once it answers. */
  async function untilStoreAnswers(id: string) {
    for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((resolve) => setTimeout(resolve, 500))) {
      const response = await app.send({ method: "GET", path: `/orders/${id}` });
      if (response.status !== 503) return response;
    }
    throw new Error("Firestore did not answer again within 60 s");
  }

  it("answers 503 with Retry-After, nacks a push so that Pub/Sub redelivers it, and confirms the order on redelivery", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await app.peer.orders.create(order);
    expect((await app.send({ method: "GET", path: `/orders/${order.id}` })).status).toBe(200);
    const push = pushRequest(pubsubPushEvent({ data: JSON.stringify({ type: "order.created", orderId: order.id }), messageId: "outage-push" }), "binary");

    proxy.down();
    try {
      const read = await app.send({ method: "GET", path: `/orders/${order.id}` });
      expect(read.status, read.body).toBe(503);
      expect(read.headers["content-type"]).toBe("application/problem+json");
      expect(Number(read.headers["retry-after"])).toBeGreaterThan(0);
      const delivery = await fetch(app.urls.queue, { method: "POST", ...push });
      expect(delivery.status).toBe(500);
    } finally {
      proxy.up();
    }

    expect((await untilStoreAnswers(order.id)).status).toBe(200);
    const redelivery = pushRequest(pubsubPushEvent({ data: JSON.stringify({ type: "order.created", orderId: order.id }), messageId: "outage-push", deliveryAttempt: 2 }), "binary");
    expect((await fetch(app.urls.queue, { method: "POST", ...redelivery })).status).toBe(204);
    expect(await app.peer.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
  }, 120_000);
});
