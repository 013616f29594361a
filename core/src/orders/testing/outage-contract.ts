import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import type { HttpTarget } from "../../testing/http-target.js";
import { uniqueCustomer } from "./orders.js";
import type { Stores } from "../stores.js";
import type { ContractMessage, DeliveryOutcome } from "../../testing/delivery.js";
import { expectProblemResponse } from "../../testing/problems.js";
import { serviceDeliver, serviceOver, serviceSend } from "./service-target.js";
import type { StoreFaultsTarget } from "./store-faults-contract.js";
import type { SwitchableProxy } from "../../testing/switchable-proxy.js";

/** What the outage contract runs on: a target whose store the test takes away and brings back. */
export interface OutageTarget extends HttpTarget {
  /** Delivers queue messages through the same runtime and store. */
  deliver(messages: ContractMessage[]): Promise<Record<string, DeliveryOutcome>>;
  /** Takes the store away (the emulator stops answering) and brings it back. */
  storeDown(): Promise<void> | void;
  storeUp(): Promise<void> | void;
}

const JSON_HEADERS = { "content-type": "application/json" };

/** The store stops answering mid-run: 503 with Retry-After, failed messages, and no partial write. */
export function outageContract(name: string, factory: () => Promise<OutageTarget> | OutageTarget) {
  describe(`store outage: ${name}`, () => {
    let target: OutageTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.storeUp();
      await target?.close?.();
    });

    it("answers 503 while the store is away, retries nothing half-done, and recovers", async () => {
      const customerId = uniqueCustomer();
      const body = JSON.stringify({ customerId, items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" });
      const post = (key: string) => target.send({ method: "POST", path: "/orders", headers: { ...JSON_HEADERS, "idempotency-key": key }, body });
      const before = await post(`before-${customerId}`);
      expect(before.status).toBe(201);
      const order = JSON.parse(before.body) as Order;
      await target.settle?.();

      await target.storeDown();
      try {
        for (const response of [await post(`during-${customerId}`), await target.send({ method: "GET", path: `/orders/${order.id}` })]) {
          expectProblemResponse(response, 503, "unavailable");
          expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
        }
        const health = await target.send({ method: "GET", path: "/health" });
        expect(health.status, `/health touches no store: ${health.body}`).toBe(200);
        expect(JSON.parse(health.body)).toEqual({ status: "ok" });
        const message = { id: `outage-${customerId}`, body: JSON.stringify({ type: "order.created", orderId: order.id }) };
        expect(await target.deliver([message])).toEqual({ [message.id]: "retry" });
      } finally {
        await target.storeUp();
      }

      // Clients reconnect with their own backoff: the store is back once it answers again.
      let listed = await target.send({ method: "GET", path: `/orders?customerId=${customerId}` });
      for (const started = Date.now(); listed.status === 503 && Date.now() - started < 60_000; ) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        listed = await target.send({ method: "GET", path: `/orders?customerId=${customerId}` });
      }
      expect(listed.status, listed.body).toBe(200);
      const list = JSON.parse(listed.body);
      expect(list.items.map((o: Order) => o.id)).toEqual([order.id]);
      const retried = await post(`during-${customerId}`);
      expect(retried.status, "the key of a failed request is free again").toBe(201);
      expect(retried.headers["idempotent-replayed"]).toBeUndefined();
    }, 120_000);
  });
}

/** The AWS api function's timeout (deploy/aws/template.yaml), the shortest HTTP function timeout of the three templates. */
export const REQUEST_DEADLINE_MS = 10_000;

/** The service called directly over stores reached through a proxy that the test takes away or slows; each request has REQUEST_DEADLINE_MS. */
export function storeOutageTarget(stores: Stores, proxy: SwitchableProxy, close: () => Promise<void> = stores.close): StoreFaultsTarget {
  const service = serviceOver(stores);
  return {
    deadlineMs: REQUEST_DEADLINE_MS,
    send: serviceSend(service, REQUEST_DEADLINE_MS),
    deliver: serviceDeliver(service),
    storeDown: () => proxy.down(),
    storeSlow: (latencyMs) => proxy.slow(latencyMs),
    storeUp: () => proxy.up(),
    close: async () => {
      await close();
      await proxy.close();
    },
  };
}
