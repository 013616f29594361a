import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "@skyport/core";
import { orderCacheOn, orderStoresOn, readOrderCacheSettings } from "@skyport/core/orders";
import { fetchTarget } from "@skyport/core/testing";
import { httpContract } from "@skyport/core/orders/testing";
import { redisCache } from "@skyport/redis";
import { startRedisServer, type RedisServer } from "@skyport/redis/testing";
import { openSqliteDocuments } from "@skyport/sqlite";
import { startLocalServer } from "./local-server.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
let databases = 0;
const logs: string[] = [];
const quiet = { logWrite: (line: string) => void logs.push(line) };
const env = (redisUrl: string, extra: Record<string, string> = {}) => ({
  PORT: "0",
  SKYPORT_SQLITE_PATH: join(dir, `orders-${++databases}.db`),
  SKYPORT_DEAD_LETTER_FILE: join(dir, `dead-letters-${databases}.jsonl`),
  SKYPORT_QUEUE_PATH: join(dir, `queues-${databases}.db`),
  SKYPORT_LOG_LEVEL: "error",
  SKYPORT_CACHE: "redis",
  SKYPORT_REDIS_URL: redisUrl,
  ...extra,
});

/** The local server with the Redis cache, and a peer on its SQLite file with the same cache: another instance, through which the contract seeds orders. */
async function cachedServer(redisUrl: string, extra: Record<string, string> = {}) {
  const settings = env(redisUrl, extra);
  const server = await startLocalServer(settings, quiet);
  const cacheSettings = readOrderCacheSettings(settings);
  const peerCache = redisCache({ url: redisUrl, timeoutMs: cacheSettings.timeoutMs });
  const peer = orderStoresOn(openSqliteDocuments(server.databasePath!), { cache: orderCacheOn(peerCache, cacheSettings, { logger: silentLogger }) });
  return {
    server,
    peer,
    target: fetchTarget(server.url, {
      orders: peer.orders,
      idempotency: peer.idempotency,
      settle: () => server.settle(),
      close: async () => {
        await server.close();
        await peer.close();
        await peerCache.close();
      },
    }),
  };
}

let redis: RedisServer;
let killed: RedisServer;
beforeAll(async () => {
  [redis, killed] = await Promise.all([startRedisServer(), startRedisServer()]);
  killed.child.kill("SIGKILL");
});
// Every server a test starts, stopped after the file even when a test ends early (a timeout).
const started: RedisServer[] = [];
const startRedis = async (options?: { port?: number }) => {
  const server = await startRedisServer(options);
  started.push(server);
  return server;
};
afterAll(() => Promise.all([redis?.stop(), killed?.stop(), ...started.map((server) => server.stop())]));

httpContract("local server over HTTP, SQLite, the Redis cache on", async () => (await cachedServer(redis.url)).target);

httpContract("local server over HTTP, SQLite, the Redis cache killed", async () => (await cachedServer(killed.url)).target);

const post = (url: string) =>
  fetch(`${url}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customerId: "cus_cache", currency: "EUR", items: [{ sku: "A-1", quantity: 1, unitPrice: 500 }] }),
  }).then((response) => response.json() as Promise<{ id: string; version: number }>);

describe("the local server with the Redis cache", () => {
  it("answers a GET after a PATCH or a DELETE on another instance with what that write left", async () => {
    const a = await cachedServer(redis.url);
    const b = await startLocalServer({ ...env(redis.url), SKYPORT_SQLITE_PATH: a.server.databasePath! }, quiet);
    try {
      const { id } = await post(a.server.url);
      await a.server.settle(); // confirmed by the queue: no write of the server's own runs meanwhile
      expect(await (await fetch(`${a.server.url}/orders/${id}`)).json()).toMatchObject({ status: "confirmed", version: 2 });
      const patch = await fetch(`${b.url}/orders/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"status":"cancelled"}' });
      expect(patch.status).toBe(200);
      expect(await (await fetch(`${a.server.url}/orders/${id}`)).json()).toMatchObject({ status: "cancelled", version: 3 });
      expect((await fetch(`${b.url}/orders/${id}`, { method: "DELETE" })).status).toBe(204);
      expect((await fetch(`${a.server.url}/orders/${id}`)).status).toBe(404);
    } finally {
      await b.close();
      await a.target.close?.();
    }
  });

  it("killed mid-run: every request still answers from the store, and once redis-server is back the cache is used again", async () => {
    let own = await startRedis();
    const { server, peer, target } = await cachedServer(own.url);
    const probe = redisCache({ url: own.url, timeoutMs: 1_000 });
    try {
      const created = await Promise.all(Array.from({ length: 4 }, () => post(server.url)));
      await server.settle(); // each order confirmed by the queue: no write runs while the cache is killed
      const orders = await Promise.all(created.map(async ({ id }) => (await peer.orders.get(id))!));
      let running = true;
      const answers: number[] = [];
      const wrong: string[] = [];
      const traffic = (async () => {
        while (running) {
          for (const { id, version } of orders) {
            const response = await fetch(`${server.url}/orders/${id}`);
            answers.push(response.status);
            const body = (await response.json()) as { version?: number };
            if (body.version !== version) wrong.push(`${id}: ${response.status} version ${body.version}`);
          }
        }
      })();
      await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThan(40);
      own.child.kill("SIGKILL");
      const atKill = answers.length;
      await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThan(atKill + 100);
      own = await startRedis({ port: own.port });
      // Back and empty: the next GETs fill it again.
      await expect.poll(() => probe.get(`skyport:order:${orders[0]!.id}`), { timeout: 20_000 }).toBeDefined();
      running = false;
      await traffic;
      expect(answers.filter((status) => status !== 200)).toEqual([]);
      expect(wrong).toEqual([]);
    } finally {
      await probe.close();
      await target.close?.();
      await own.stop();
    }
  });
});
