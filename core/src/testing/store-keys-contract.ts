import { describe, expect, it } from "vitest";
import { scopedIdempotencyKey } from "../orders/idempotency.js";
import type { Order } from "../orders/order.js";
import { breakableOrderStore } from "./breakable-order-store.js";
import type { ContractResponse } from "./http-target.js";
import { uniqueCustomer } from "./orders.js";
import { serviceOver, serviceSend } from "./service-target.js";
import type { StoreUnderTest } from "./store-contract.js";

/** API.md: "Keys are kept at least 24 hours." */
const KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * The order service's Idempotency-Keys in this store, as the service writes them: freed when the
 * order write fails after the claim, and kept (and given a TTL) for at least 24 hours.
 */
export function storeKeysCases(store: () => StoreUnderTest) {
  describe("the order service's idempotency keys", () => {
    const serviceOn = () => {
      const { orders, faults } = breakableOrderStore(store().orders);
      return { send: serviceSend(serviceOver({ orders, idempotency: store().idempotency })), faults };
    };
    const post = (send: ReturnType<typeof serviceOn>["send"], customerId: string, key: string): Promise<ContractResponse> =>
      send({
        method: "POST",
        path: "/orders",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ customerId, items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" }),
      });

    it("frees a key whose order write failed after the claim: the retry creates exactly one order", async () => {
      const { send, faults } = serviceOn();
      const [customerId, key] = [uniqueCustomer(), `failed-write-${uniqueCustomer()}`];
      faults.fail(new Error("the order write failed"), ["create"]);
      expect((await post(send, customerId, key)).status).toBe(500);
      faults.mend();
      expect(await store().recordOf(scopedIdempotencyKey(key, undefined), new Date()), "the key is free again").toBeNull();

      const retried = await post(send, customerId, key);
      expect(retried.status, retried.body).toBe(201);
      expect(retried.headers["idempotent-replayed"]).toBeUndefined();
      expect((await post(send, customerId, key)).headers["idempotent-replayed"]).toBe("true");
      const { items } = await store().orders.listByCustomer(customerId, { limit: 10 });
      expect(items.map((o: Order) => o.id)).toEqual([JSON.parse(retried.body).id]);
    });

    it("keeps a completed key, and any TTL the database acts on, for at least 24 hours", async () => {
      const { send } = serviceOn();
      const key = `kept-${uniqueCustomer()}`;
      const sentAt = Date.now();
      expect((await post(send, uniqueCustomer(), key)).status).toBe(201);
      const scoped = scopedIdempotencyKey(key, undefined);
      const almostADayLater = new Date(sentAt + KEPT_MS - 1000);
      // Another request then may purge expired keys first (SQLite does, in begin): this one is not among them.
      await store().idempotency.begin(`later-${key}`, "fp", new Date(almostADayLater.getTime() + 60_000), almostADayLater);
      expect(await store().recordOf(scoped, almostADayLater)).toMatchObject({ state: "completed" });
      if (store().ttlExpiry) {
        expect(await store().ttlOf!(scoped)).toBeGreaterThanOrEqual(Math.ceil((sentAt + KEPT_MS) / 1000));
      }
    });
  });
}
