import { describe, expect, it } from "vitest";
import { memoryDocuments } from "../../collections/memory-documents.js";
import type { CacheUnderTest } from "../../testing/cache-contract.js";
import { heldCollection } from "../../testing/held-collection.js";
import type { Order } from "../order.js";
import { withStatus } from "../status.js";
import { ordersCollection } from "../storage/collections.js";
import { orderCache } from "../storage/order-cache.js";
import { collectionOrderStore } from "../storage/order-store.js";
import { orderAt, uniqueCustomer } from "./orders.js";

const later = (order: Order, seconds: number) => new Date(Date.parse(order.createdAt) + seconds * 1000);

/** The orders collection on memory documents, its reads counted, and one read at a time able to be held after it has read. */
export function heldOrders() {
  const collection = memoryDocuments().collection(ordersCollection);
  return { collection, ...heldCollection(collection) };
}

/**
 * What the order store keeps on any cache (run it beside `cacheContract`): a read after a write
 * never sees the order before it, on this instance or another, whatever a slow reader does.
 */
export function orderCacheContract(name: string, target: CacheUnderTest): void {
  describe(`${name}: orders read through it`, () => {
    /** Two instances of the order store on one collection and one cache, as two instances of the service. */
    const instances = () => {
      const orders = heldOrders();
      return {
        ...orders,
        a: collectionOrderStore(orders.held, orderCache(target.client())),
        b: collectionOrderStore(orders.collection, orderCache(target.client())),
      };
    };

    it("answers a second GET of an order from the cache, without a store read", async () => {
      const { a, b, reads } = instances();
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await b.create(order);
      expect(await a.get(order.id, { cached: true })).toEqual(order);
      expect(await a.get(order.id, { cached: true })).toEqual(order);
      // The create put the order in the cache: neither GET read the store.
      expect(reads()).toBe(0);
    });

    it("reads the store for a read that does not ask for the cache (a write's read)", async () => {
      const { a, b, reads } = instances();
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await b.create(order);
      expect(await a.get(order.id)).toEqual(order);
      expect(reads()).toBe(1);
    });

    it("never answers a read after a write on another instance with the order before it: update, delete, made again", async () => {
      const { a, b } = instances();
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await b.create(order);
      expect(await a.get(order.id, { cached: true })).toEqual(order);
      const confirmed = withStatus(order, "confirmed", later(order, 1));
      await b.update(confirmed, order.version);
      expect(await a.get(order.id, { cached: true })).toEqual(confirmed);
      await b.delete(order.id, confirmed.version);
      expect(await a.get(order.id, { cached: true })).toBeNull();
      const again = orderAt(later(order, 2), { id: order.id, customerId: order.customerId });
      await b.create(again);
      expect(await a.get(order.id, { cached: true })).toEqual(again);
    });

    it("keeps a slow reader from putting back the order a write replaced meanwhile", async () => {
      const { a, b, holdNextRead } = instances();
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await b.create(order);
      await target.client().delete(`skyport:order:${order.id}`); // expired, say: the next GET reads the store
      const release = holdNextRead();
      const slow = a.get(order.id, { cached: true });
      await new Promise((resolve) => setTimeout(resolve, 50)); // the slow read has read the pending order
      const confirmed = withStatus(order, "confirmed", later(order, 1));
      await b.update(confirmed, order.version);
      release();
      expect(await slow).toEqual(order); // it read before the write: its answer may be the older order
      expect(await a.get(order.id, { cached: true })).toEqual(confirmed);
      expect(await b.get(order.id, { cached: true })).toEqual(confirmed);
    });

    it("keeps a slow reader from putting back an order deleted meanwhile", async () => {
      const { a, b, holdNextRead } = instances();
      const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled" });
      await b.create(order);
      await target.client().delete(`skyport:order:${order.id}`);
      const release = holdNextRead();
      const slow = a.get(order.id, { cached: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await b.delete(order.id, order.version);
      release();
      await slow;
      expect(await a.get(order.id, { cached: true })).toBeNull();
    });

    it("makes one store read for concurrent misses of one order", async () => {
      const { a, b, reads } = instances();
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await b.create(order);
      await target.client().delete(`skyport:order:${order.id}`);
      const answers = await Promise.all(Array.from({ length: 20 }, () => a.get(order.id, { cached: true })));
      expect(answers).toEqual(Array.from({ length: 20 }, () => order));
      expect(reads()).toBe(1);
    });
  });
}
