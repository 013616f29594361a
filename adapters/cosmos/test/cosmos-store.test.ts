import { randomBytes } from "node:crypto";
import { collectionLocation, heldRecord, idempotencyCollection, InvalidCursor, StoreUnavailable } from "@skyport/core";
import { ordersCollection, type Stores, orderStoresOn } from "@skyport/core/orders";
import { freePort } from "@skyport/core/testing";
import { orderAt, ordersFor, storeContract, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TTL_SLACK_SECONDS } from "../src/documents/item.js";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent, emulatorClient, emulatorEnv, ttlExpiryOf } from "../src/testing/index.js";

const server = inject("cosmos");

/** A database of its own, its collections ensured as the test setups and `npm run emulators` do (in Azure, the template). */
async function freshStores(): Promise<{ stores: Stores; env: Record<string, string> }> {
  const env = emulatorEnv(server, `test_${randomBytes(4).toString("hex")}`);
  const documents = cosmosDocuments(env, { agent: emulatorAgent() });
  try {
    await documents.ensure([ordersCollection, idempotencyCollection]);
  } finally {
    await documents.close();
  }
  return { stores: orderStoresOn(cosmosDocuments(env, { agent: emulatorAgent() })), env };
}

storeContract("cosmos", async () => {
  const { stores, env } = await freshStores();
  // The records read back through a client of their own, as another instance would.
  const reader = cosmosDocuments(env, { agent: emulatorAgent() });
  const client = emulatorClient(server);
  const idempotency = client.database(env.SKYPORT_COSMOS_DATABASE!).container(collectionLocation(env, idempotencyCollection));
  return {
    orders: stores.orders,
    idempotency: stores.idempotency,
    recordOf: (key, now) => heldRecord(reader.collection(idempotencyCollection), key, now),
    ttlExpiry: true,
    // Cosmos DB's TTL counts from the server's `_ts`: the item's ttl carries slack for clock skew, and a write takes its time.
    ttlOf: (key) => ttlExpiryOf(idempotency, idempotencyCollection, { key }),
    ttlSlackSeconds: TTL_SLACK_SECONDS + 2,
    close: async () => {
      client.dispose();
      await reader.close();
      await stores.close();
    },
  };
});

describe("cosmos positions", () => {
  let stores: Stores;
  beforeAll(async () => {
    stores = (await freshStores()).stores;
  });
  afterAll(async () => {
    await stores?.close();
  });

  it("continue a customer's list from the cursor, with orders created in between", async () => {
    const customer = uniqueCustomer();
    const orders = ordersFor(customer, 3, {}, new Date(Date.now() - 60_000));
    for (const order of orders) await stores.orders.create(order);
    const first = await stores.orders.listByCustomer(customer, { limit: 1 });
    await stores.orders.create(orderAt(new Date(), { customerId: customer })); // newer: before the position, not after it
    const rest = await stores.orders.listByCustomer(customer, { limit: 5, after: first.next! });
    expect(rest.items.map((o) => o.id)).toEqual([orders[1]!.id, orders[0]!.id]);
    expect(rest.next).toBeNull();
  });

  it("refuse a cursor of another customer's list before any query runs", async () => {
    const customer = uniqueCustomer();
    for (const order of ordersFor(customer, 3)) await stores.orders.create(order);
    const { next } = await stores.orders.listByCustomer(customer, { limit: 1 });
    // Nothing listens here: a refusal that reached the database would be StoreUnavailable instead.
    const env = { SKYPORT_COSMOS_ENDPOINT: `https://127.0.0.1:${await freePort()}`, SKYPORT_COSMOS_KEY: server.key };
    const unreachable = orderStoresOn(cosmosDocuments(env, { agent: emulatorAgent() }));
    try {
      await expect(unreachable.orders.listByCustomer(uniqueCustomer(), { limit: 5, after: next! })).rejects.toBeInstanceOf(InvalidCursor);
    } finally {
      await unreachable.close();
    }
  });
});

describe("cosmos idempotency TTL", () => {
  it("removes a key's item no earlier than its retention, with this host's clock off by less than the slack either way", async () => {
    const { stores, env } = await freshStores();
    const client = emulatorClient(server);
    try {
      const container = client.database(env.SKYPORT_COSMOS_DATABASE!).container(collectionLocation(env, idempotencyCollection));
      for (const skewMs of [-7_000, 4_000, 40_000]) {
        const skewed = cosmosDocuments(env, { agent: emulatorAgent(), clock: { now: () => new Date(Date.now() + skewMs) } });
        const key = `key_${uniqueCustomer()}`;
        const retainUntil = new Date(Date.now() + 86_400_000).toISOString();
        await skewed.collection(idempotencyCollection).put({ key, fingerprint: "fp", state: "completed", expiresAt: retainUntil, retainUntil });
        await skewed.close();
        const removedAt = await ttlExpiryOf(container, idempotencyCollection, { key });
        expect(removedAt, `skew ${skewMs} ms`).toBeGreaterThanOrEqual(Math.ceil(Date.parse(retainUntil) / 1000));
      }
    } finally {
      client.dispose();
      await stores.close();
    }
  });
});

describe("cosmos unreachable", () => {
  it("answers StoreUnavailable, with the SDK's error as the cause, when nothing listens", async () => {
    const port = await freePort();
    const env = { SKYPORT_COSMOS_ENDPOINT: `https://127.0.0.1:${port}`, SKYPORT_COSMOS_KEY: server.key };
    const stores = orderStoresOn(cosmosDocuments(env, { agent: emulatorAgent() }));
    try {
      const attempts = [
        () => stores.orders.get("ord_01ARZ3NDEKTSV4RRFFQ69G5FAV"),
        () => stores.orders.listByCustomer(uniqueCustomer(), { limit: 2 }),
        () => stores.idempotency.begin("key", "fp", new Date(Date.now() + 60_000), new Date()),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StoreUnavailable);
        expect((error as StoreUnavailable).cause).toMatchObject({ code: "ECONNREFUSED" });
      }
    } finally {
      await stores.close();
    }
  });
});
