import { afterAll, inject } from "vitest";
import type { Cache } from "@skyport/core/cache";
import { cacheContract } from "@skyport/core/testing";
import { redisCache } from "../src/index.js";

const clients: Cache[] = [];
afterAll(() => Promise.all(clients.map((client) => client.close())));

// Each client is another instance's connection to the one server.
cacheContract("the Redis cache", {
  client: () => {
    const client = redisCache({ url: inject("redisUrl"), timeoutMs: 2_000 });
    clients.push(client);
    return client;
  },
});
