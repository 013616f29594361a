import { describe, expect, it } from "vitest";
import { boundedCache, type CacheFailure } from "../src/cache/bounded-cache.js";
import { memoryCache } from "../src/cache/memory-cache.js";
import { readCacheSettings } from "../src/cache/settings.js";
import { memoryDocuments } from "../src/collections/memory-documents.js";
import { ordersCollection } from "../src/orders/storage/collections.js";
import { orderCache } from "../src/orders/storage/order-cache.js";
import { collectionOrderStore } from "../src/orders/storage/order-store.js";
import { withStatus } from "../src/orders/status.js";
import type { Cache } from "../src/ports/cache.js";
import { cacheContract } from "../src/testing/cache-contract.js";
import { heldOrders, orderCacheContract } from "../src/orders/testing/order-cache-contract.js";
import { countedDocuments } from "../src/testing/counted-documents.js";
import { orderAt } from "../src/orders/testing/orders.js";

const shared = memoryCache();
cacheContract("the memory cache", { client: () => shared });
orderCacheContract("the memory cache", { client: () => shared });

/** A cache that is down: every call fails at once, or never answers. */
const downCache = (how: "fails" | "hangs"): Cache => {
  const call = () => (how === "fails" ? Promise.reject(new Error("ECONNREFUSED")) : new Promise<never>(() => {}));
  return { get: call, set: call, delete: call, close: async () => {} };
};

function storeOnDownCache(how: "fails" | "hangs") {
  const counted = countedDocuments(memoryDocuments());
  const failures: CacheFailure[] = [];
  const cache = boundedCache(downCache(how), { timeoutMs: 50, onFailure: (failure) => failures.push(failure) });
  return { counted, failures, store: collectionOrderStore(counted.documents.collection(ordersCollection), orderCache(cache)) };
}

describe("a cache that is down or slow never fails a request", () => {
  for (const how of ["fails", "hangs"] as const) {
    it(`a cache that ${how}: reads and writes answer from the store, and each cache call counts as a failure`, async () => {
      const { store, failures } = storeOnDownCache(how);
      const order = orderAt(new Date());
      await store.create(order);
      expect(await store.get(order.id, { cached: true })).toEqual(order);
      const confirmed = withStatus(order, "confirmed", new Date());
      await store.update(confirmed, 1);
      expect(await store.get(order.id, { cached: true })).toEqual(confirmed);
      expect(failures.map((f) => f.operation)).toEqual(["set", "get", "set", "set", "get", "set"]);
    });
  }

  it("a read after a write on this instance does not join a store read that began before the write", async () => {
    const orders = heldOrders();
    const store = collectionOrderStore(orders.held, orderCache(boundedCache(downCache("fails"), { timeoutMs: 50, onFailure: () => {} })));
    const order = orderAt(new Date());
    await store.create(order);
    const release = orders.holdNextRead();
    const before = store.get(order.id, { cached: true }); // a miss: its store read is in flight, held
    await expect.poll(orders.reads).toBe(1);
    const confirmed = withStatus(order, "confirmed", new Date());
    await store.update(confirmed, 1);
    const after = store.get(order.id, { cached: true });
    release();
    expect(await before).toEqual(order);
    expect(await after).toEqual(confirmed);
    expect(orders.reads()).toBe(2);
  });
});

describe("the memory cache", () => {
  it("forgets an entry at its expiry by its clock", async () => {
    let now = Date.parse("2026-12-07T00:00:00Z");
    const cache = memoryCache({ clock: { now: () => new Date(now) } });
    await cache.set("k", "v", { ttlSeconds: 30 });
    now += 29_999;
    expect(await cache.get("k")).toBe("v");
    now += 1;
    expect(await cache.get("k")).toBeUndefined();
  });

  it("lets an expired ranked entry be replaced by any rank", async () => {
    let now = 0;
    const cache = memoryCache({ clock: { now: () => new Date(now) } });
    await cache.set("k", "new", { ttlSeconds: 1, rank: "9" });
    now += 1000;
    await cache.set("k", "old", { ttlSeconds: 1, rank: "1" });
    expect(await cache.get("k")).toBe("old");
  });
});

describe("cache settings", () => {
  it("are off unless SKYPORT_CACHE says, with a short TTL and a bound", () => {
    expect(readCacheSettings({})).toEqual({ kind: "none", ttlSeconds: 30, timeoutMs: 250 });
  });

  it("need a redis:// or rediss:// URL for redis, and never repeat it in the error (it may hold a password)", () => {
    expect(readCacheSettings({ SKYPORT_CACHE: "redis", SKYPORT_REDIS_URL: "rediss://u:p@cache.example:6379" })).toMatchObject({
      redisUrl: "rediss://u:p@cache.example:6379",
    });
    expect(() => readCacheSettings({ SKYPORT_CACHE: "redis" })).toThrow(/SKYPORT_REDIS_URL/);
    expect(() => readCacheSettings({ SKYPORT_CACHE: "redis", SKYPORT_REDIS_URL: "http://u:secret-pw@x" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("secret-pw") }),
    );
  });
});
