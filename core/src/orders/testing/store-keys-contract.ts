import { describe, expect, it } from "vitest";
import { fingerprint, IN_FLIGHT_LEASE_MS, scopedIdempotencyKey } from "../idempotency.js";
import { newOrder } from "../order.js";
import { createOrderService } from "../service.js";
import { systemClock } from "../../ports/clock.js";
import { ulidIds } from "../ids.js";
import type { Order } from "../order.js";
import { breakableOrderStore } from "./breakable-order-store.js";
import type { ContractResponse } from "../../testing/http-target.js";
import { uniqueCustomer } from "./orders.js";
import { memoryOrderDeps, serviceOver, serviceSend } from "./service-target.js";
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

    describe("a crash between the key's claim, its order and its stored answer (issue 28)", () => {
      const body = (customerId: string) => ({ customerId, items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" });
      /** What an attempt did before it was killed: claimed the key, reserving an order id, and maybe made the order. */
      async function crashedAttempt(key: string, customerId: string, { ordered }: { ordered: boolean }) {
        const now = new Date();
        const reserved = ulidIds(systemClock).orderId();
        const scoped = scopedIdempotencyKey(key, undefined);
        await store().idempotency.begin(scoped, `${fingerprint(body(customerId))}.crashed`, new Date(now.getTime() + IN_FLIGHT_LEASE_MS), now, reserved);
        if (ordered) await store().orders.create(newOrder(body(customerId), reserved, now));
        return reserved;
      }
      const postAt = (at: Date, customerId: string, key: string, payload = body(customerId)) =>
        serviceSend(createOrderService(memoryOrderDeps({ ...store(), clock: { now: () => at } })))({
          method: "POST",
          path: "/orders",
          headers: { "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify(payload),
        });

      it("answers the retry at once with the order the killed attempt made, and never makes a second", async () => {
        const [customerId, key] = [uniqueCustomer(), `crashed-after-order-${uniqueCustomer()}`];
        const reserved = await crashedAttempt(key, customerId, { ordered: true });
        const retried = await postAt(new Date(), customerId, key);
        expect(retried.status, retried.body).toBe(201);
        expect(JSON.parse(retried.body).id).toBe(reserved);
        // Long after the lease, the same retry still finds that order.
        const later = await postAt(new Date(Date.now() + 10 * IN_FLIGHT_LEASE_MS), customerId, key);
        expect([later.status, JSON.parse(later.body).id, later.headers["idempotent-replayed"]]).toEqual([201, reserved, "true"]);
        expect((await postAt(new Date(), customerId, key, body(uniqueCustomer()))).status).toBe(422);
        const { items } = await store().orders.listByCustomer(customerId, { limit: 10 });
        expect(items.map((o: Order) => o.id)).toEqual([reserved]);
      });

      it("lets a retry take the key over once the killed attempt's short lease is over, making the order it reserved", async () => {
        const [customerId, key] = [uniqueCustomer(), `crashed-before-order-${uniqueCustomer()}`];
        const reserved = await crashedAttempt(key, customerId, { ordered: false });
        const early = await postAt(new Date(), customerId, key);
        expect(early.status, early.body).toBe(409);
        const retried = await postAt(new Date(Date.now() + IN_FLIGHT_LEASE_MS + 1000), customerId, key);
        expect(retried.status, retried.body).toBe(201);
        expect(JSON.parse(retried.body).id).toBe(reserved);
        const { items } = await store().orders.listByCustomer(customerId, { limit: 10 });
        expect(items.map((o: Order) => o.id)).toEqual([reserved]);
      });
    });
  });
}
