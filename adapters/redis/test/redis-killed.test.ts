import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_FAILURES_METRIC, readCacheSettings } from "@skyport/core/cache";
import { orderCacheOn } from "@skyport/core/orders";
import { memoryDocuments, silentLogger, type Metrics } from "@skyport/core";
import { orderStoresOn, type Order, type OrderStore } from "@skyport/core/orders";
import { countedDocuments } from "@skyport/core/testing";
import { orderAt } from "@skyport/core/orders/testing";
import { CacheOffline, redisCache } from "../src/index.js";
import { startRedisServer, type RedisServer } from "../src/testing.js";

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server?.stop());

/** An instance of the order store with the Redis cache, as the service builds it, its store reads and cache failures counted. */
function instance() {
  const counted = countedDocuments(memoryDocuments());
  const failures = { count: 0 };
  const metrics: Metrics = {
    record: (name, value) => {
      if (name === CACHE_FAILURES_METRIC) failures.count += value;
    },
  };
  const settings = readCacheSettings({ SKYPORT_CACHE: "redis", SKYPORT_REDIS_URL: server.url, SKYPORT_CACHE_TIMEOUT_MS: "200" });
  const cache = redisCache({ url: settings.redisUrl!, timeoutMs: settings.timeoutMs });
  const store = orderStoresOn(counted.documents, { cache: orderCacheOn(cache, settings, { logger: silentLogger, metrics }) }).orders;
  return { store, counted, failures, close: () => cache.close() };
}

/** Reads and writes of `orders` in a loop until `stop()`: each read must be the last order written, whatever the cache does. */
function traffic(store: OrderStore, orders: Order[]) {
  let running = true;
  let answered = 0;
  const latest = new Map(orders.map((order) => [order.id, order]));
  const wrong: string[] = [];
  const loop = (async () => {
    for (let round = 0; running; round++) {
      for (const order of latest.values()) {
        const read = await store.get(order.id, { cached: true });
        if (read?.version !== order.version) wrong.push(`${order.id}: read version ${read?.version}, wrote ${order.version}`);
        answered++;
      }
      const [first] = latest.values();
      if (round % 5 === 0 && first) {
        const next: Order = { ...first, status: first.status === "pending" ? "confirmed" : "pending", version: first.version + 1 };
        await store.update(next, first.version);
        latest.set(next.id, next);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    answered: () => answered,
    async stop() {
      running = false;
      await loop;
      return wrong;
    },
  };
}

describe("the Redis cache killed mid-run", () => {
  it("every read answers from the store while redis-server is killed, the failures are counted, and the cache is used again once back", async () => {
    const { store, counted, failures, close } = instance();
    const orders = Array.from({ length: 5 }, () => orderAt(new Date()));
    for (const order of orders) await store.create(order);
    const run = traffic(store, orders);
    await expect.poll(run.answered, { timeout: 10_000 }).toBeGreaterThan(100);
    expect(counted.byCall.get).toBe(0); // warm: every read came from the cache

    server.child.kill("SIGKILL");
    await expect.poll(() => failures.count, { timeout: 10_000 }).toBeGreaterThan(0);
    const readsWhileDown = counted.byCall.get;
    await expect.poll(() => counted.byCall.get, { timeout: 10_000 }).toBeGreaterThan(readsWhileDown + 50);

    server = await startRedisServer({ port: server.port });
    // Back: the next misses fill the new server, and reads come from it again (the store is no longer read).
    await expect
      .poll(
        async () => {
          const before = counted.byCall.get;
          await new Promise((resolve) => setTimeout(resolve, 300));
          return counted.byCall.get - before;
        },
        { timeout: 20_000, interval: 10 },
      )
      .toBe(0);
    expect(await run.stop()).toEqual([]);
    await close();
  });

  it("a stalled server (SIGSTOP) costs each call at most the bound: reads answer from the store", async () => {
    const { store, failures, close } = instance();
    const order = orderAt(new Date());
    await store.create(order);
    server.child.kill("SIGSTOP");
    try {
      expect(await store.get(order.id, { cached: true })).toEqual(order);
      const confirmed: Order = { ...order, status: "confirmed", version: 2 };
      await store.update(confirmed, 1);
      expect(await store.get(order.id, { cached: true })).toEqual(confirmed);
      expect(failures.count).toBeGreaterThanOrEqual(3);
    } finally {
      server.child.kill("SIGCONT");
    }
    await close();
  });
});

describe("the Redis cache down from the start", () => {
  it("waits for its first connection once, then fails each call at once while the server is unreachable", async () => {
    const down = await startRedisServer();
    await down.stop();
    const cache = redisCache({ url: down.url, timeoutMs: 300 });
    try {
      await expect(cache.get("skyport:order:any")).rejects.toThrow(CacheOffline);
      await expect(cache.set("skyport:order:any", "v", { ttlSeconds: 1 })).rejects.toThrow(CacheOffline);
    } finally {
      await cache.close();
    }
  });
});
