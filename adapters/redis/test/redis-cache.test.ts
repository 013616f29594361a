import { afterAll, inject } from "vitest";
import type { Cache } from "@skyport/core/cache";
import { orderCacheContract } from "@skyport/core/orders/testing";
import { cacheContract, type CacheUnderTest } from "@skyport/core/testing";
import { redisCache } from "../src/index.js";

const clients: Cache[] = [];
afterAll(() => Promise.all(clients.map((client) => client.close())));

// Each client is another instance's connection to the one server.
const redis: CacheUnderTest = {
  client: () => {
    const client = redisCache({ url: inject("redisUrl"), timeoutMs: 2_000 });
    clients.push(client);
    return client;
  },
};
cacheContract("the Redis cache", redis);
orderCacheContract("the Redis cache", redis);
