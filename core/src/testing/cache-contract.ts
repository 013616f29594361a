import { describe, expect, it } from "vitest";
import { cachedCollection } from "../cache/cached-collection.js";
import type { Collection } from "../collections/collection.js";
import { collection as declareCollection } from "../collections/declaration.js";
import { memoryDocuments } from "../collections/memory-documents.js";
import type { Order } from "../orders/order.js";
import { ordersCollection } from "../orders/storage/collections.js";
import { orderCache } from "../orders/storage/order-cache.js";
import { collectionOrderStore } from "../orders/storage/order-store.js";
import type { Cache } from "../ports/cache.js";
import { withStatus } from "../orders/status.js";
import { orderAt, uniqueCustomer } from "./orders.js";

/** A cache to test: `client()` opens another client of the same cache, as another instance of the service would. */
export interface CacheUnderTest {
  client(): Cache;
}

const later = (order: Order, seconds: number) => new Date(Date.parse(order.createdAt) + seconds * 1000);

/** The orders collection on memory documents, its reads counted, and one read at a time able to be held after it has read. */
export function heldOrders() {
  const collection = memoryDocuments().collection(ordersCollection);
  return { collection, ...heldCollection(collection) };
}

/** A document of any app's own, with an expiry: what `cachedCollection` reads through a cache. */
interface Memo {
  id: string;
  text: string;
  expiresAt?: string;
}
const memos = declareCollection<Memo>("cached-memos", { key: ["id"], expiresAt: "expiresAt" });

/** `collection` with its reads counted, and one read at a time able to be held after it has read. */
function heldCollection<T>(collection: Collection<T>) {
  let reads = 0;
  let hold: Promise<void> | undefined;
  const held: Collection<T> = {
    ...collection,
    declaration: collection.declaration,
    async get(key) {
      reads++;
      const stored = await collection.get(key);
      const wait = hold;
      hold = undefined;
      await wait;
      return stored;
    },
  };
  return {
    held,
    reads: () => reads,
    /** The next read reads now and answers when the returned function is called. */
    holdNextRead(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
  };
}

/**
 * What every Cache keeps (the port's rules), and what the order store on it keeps: a read after a
 * write never sees the order before it, on this instance or another, whatever a slow reader does.
 */
export function cacheContract(name: string, target: CacheUnderTest): void {
  describe(`${name}: the cache port`, () => {
    const key = () => `skyport:test:${uniqueCustomer("key")}`;

    it("gives back what was set, nothing for a key never set, and nothing after a delete", async () => {
      const cache = target.client();
      const k = key();
      expect(await cache.get(k)).toBeUndefined();
      await cache.set(k, "one", { ttlSeconds: 60 });
      expect(await cache.get(k)).toBe("one");
      await cache.set(k, "", { ttlSeconds: 60 });
      expect(await cache.get(k)).toBe("");
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
    });

    it("keeps a ranked entry against a lower rank, and lets an equal or higher rank or an unranked set replace it", async () => {
      const cache = target.client();
      const k = key();
      await cache.set(k, "v2", { ttlSeconds: 60, rank: "0002" });
      await cache.set(k, "v1", { ttlSeconds: 60, rank: "0001" });
      expect(await cache.get(k)).toBe("v2");
      await cache.set(k, "v2 again", { ttlSeconds: 60, rank: "0002" });
      expect(await cache.get(k)).toBe("v2 again");
      await cache.set(k, "v10", { ttlSeconds: 60, rank: "0010" });
      expect(await cache.get(k)).toBe("v10");
      await cache.set(k, "plain", { ttlSeconds: 60 });
      expect(await cache.get(k)).toBe("plain");
      await cache.set(k, "v1", { ttlSeconds: 60, rank: "0001" });
      expect(await cache.get(k)).toBe("v1");
    });

    it("sets an entry only where none is when asked (a reader's fill), whatever its rank", async () => {
      const cache = target.client();
      const k = key();
      await cache.set(k, "filled", { ttlSeconds: 60, ifAbsent: true });
      expect(await cache.get(k)).toBe("filled");
      await cache.set(k, "written", { ttlSeconds: 60 });
      await cache.set(k, "late fill", { ttlSeconds: 60, ifAbsent: true, rank: "9999" });
      expect(await cache.get(k)).toBe("written");
    });

    it("shares entries between clients", async () => {
      const k = key();
      await target.client().set(k, "from one", { ttlSeconds: 60 });
      expect(await target.client().get(k)).toBe("from one");
    });

    it("forgets an entry once its time to live has passed", async () => {
      const cache = target.client();
      const k = key();
      await cache.set(k, "brief", { ttlSeconds: 1 });
      await expect.poll(() => cache.get(k), { timeout: 5_000, interval: 100 }).toBeUndefined();
    });
  });

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

  describe(`${name}: an app's documents read through it (cachedCollection)`, () => {
    /** Two instances of the app on one collection and one cache: a reads through its own client, b writes through another. */
    const instances = () => {
      const stored = memoryDocuments().collection(memos);
      const counted = heldCollection(stored);
      return {
        ...counted,
        stored,
        a: cachedCollection(counted.held, target.client(), { ttlSeconds: 60 }),
        b: cachedCollection(stored, target.client(), { ttlSeconds: 60 }),
      };
    };
    const memo = (text: string, fields: Partial<Memo> = {}): Memo => ({ id: uniqueCustomer("memo"), text, ...fields });

    it("answers a GET after a write from the cache, with the version the write made, without a store read", async () => {
      const { a, b, reads } = instances();
      const made = await b.create(memo("one"));
      expect(await a.get({ id: made.value.id })).toEqual(made);
      expect(await a.get({ id: made.value.id })).toEqual(made);
      expect(reads()).toBe(0);
    });

    it("never answers a read after a write on another instance with the document before it: put, delete, made again", async () => {
      const { a, b } = instances();
      const made = await b.create(memo("v1"));
      const key = { id: made.value.id };
      expect(await a.get(key)).toEqual(made);
      const replaced = await b.put({ ...made.value, text: "v2" }, { ifVersion: made.version });
      expect(await a.get(key)).toEqual(replaced);
      await b.delete(key);
      expect(await a.get(key)).toBeUndefined();
      const again = await b.create({ ...made.value, text: "v3" });
      expect(await a.get(key)).toEqual(again);
      const [, batch] = [await b.transact([{ put: { ...made.value, text: "v4" } }]), await b.get(key)];
      expect(await a.get(key)).toEqual(batch);
      await b.putMany([{ ...made.value, text: "v5" }]);
      expect((await a.get(key))?.value.text).toBe("v5");
    });

    it("keeps a slow reader from putting back the document a write replaced meanwhile, or one deleted meanwhile", async () => {
      const { a, b, holdNextRead } = instances();
      const made = await b.create(memo("before"));
      const key = { id: made.value.id };
      await target.client().delete(`skyport:${memos.name}:${JSON.stringify([key.id])}`); // expired, say: the next GET reads the store
      let release = holdNextRead();
      let slow = a.get(key);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the slow read has read the document before the write
      const replaced = await b.put({ ...made.value, text: "after" });
      release();
      expect(await slow).toEqual(made);
      expect(await a.get(key)).toEqual(replaced);
      await target.client().delete(`skyport:${memos.name}:${JSON.stringify([key.id])}`);
      release = holdNextRead();
      slow = a.get(key);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await b.delete(key);
      release();
      await slow;
      expect(await a.get(key)).toBeUndefined();
    });

    it("keeps no entry past its document's expiry, and a write refused by its condition changes nothing", async () => {
      const { a, b, stored } = instances();
      const soon = await b.create(memo("soon", { expiresAt: new Date(Date.now() + 1_500).toISOString() }));
      expect(await a.get({ id: soon.value.id })).toEqual(soon);
      await expect.poll(() => a.get({ id: soon.value.id }), { timeout: 5_000, interval: 100 }).toBeUndefined();
      const past = await b.create(memo("past", { expiresAt: "2020-01-01T00:00:00Z" }));
      expect(await a.get({ id: past.value.id })).toBeUndefined();
      const made = await b.create(memo("kept"));
      await expect(b.put({ ...made.value, text: "refused" }, { ifVersion: "not-its-version" })).rejects.toThrow();
      expect(await a.get({ id: made.value.id })).toEqual(made);
      expect(await stored.get({ id: made.value.id })).toEqual(made);
    });

    it("makes one store read for concurrent misses of one document, and answers a key never written as absent", async () => {
      const { a, b, reads } = instances();
      const made = await b.create(memo("wanted"));
      await target.client().delete(`skyport:${memos.name}:${JSON.stringify([made.value.id])}`);
      const answers = await Promise.all(Array.from({ length: 20 }, () => a.get({ id: made.value.id })));
      expect(answers).toEqual(Array.from({ length: 20 }, () => made));
      expect(reads()).toBe(1);
      expect(await a.get({ id: uniqueCustomer("none") })).toBeUndefined();
    });
  });
}
