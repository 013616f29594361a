import { randomBytes } from "node:crypto";
import { customerList, decodeKeyset, InvalidCursor, StoreUnavailable, type Stores } from "@skyport/core";
import { freePort, orderAt, ordersFor, storeContract, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CosmosIdempotencyStore, cosmosStores, IDEMPOTENCY_CONTAINER } from "../src/index.js";
import { createCosmosContainers, emulatorAgent, emulatorClient, idempotencyRecordOf, ttlExpiryOf } from "../src/testing/index.js";

const server = inject("cosmos");

/** A database of its own, created as the Bicep template creates it. */
async function freshStores(): Promise<{ stores: Stores; database: string }> {
  const database = `test_${randomBytes(4).toString("hex")}`;
  await createCosmosContainers(server, database);
  const env = { SKYPORT_COSMOS_ENDPOINT: server.endpoint, SKYPORT_COSMOS_KEY: server.key, SKYPORT_COSMOS_DATABASE: database };
  return { stores: cosmosStores(env, { agent: emulatorAgent() }), database };
}

storeContract("cosmos", async () => {
  const { stores, database } = await freshStores();
  const client = emulatorClient(server);
  const idempotency = client.database(database).container(IDEMPOTENCY_CONTAINER.id);
  return {
    orders: stores.orders,
    idempotency: stores.idempotency,
    recordOf: (key, now) => idempotencyRecordOf(idempotency, key, now),
    ttlExpiry: true,
    ttlOf: (key) => ttlExpiryOf(idempotency, key),
    close: async () => {
      client.dispose();
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

  it("continue a customer's list from the keyset, with orders created in between", async () => {
    const customer = uniqueCustomer();
    const orders = ordersFor(customer, 3, {}, new Date(Date.now() - 60_000));
    for (const order of orders) await stores.orders.create(order);
    const first = await stores.orders.listByCustomer(customer, { limit: 1 });
    await stores.orders.create(orderAt(new Date(), { customerId: customer })); // newer: before the position, not after it
    const rest = await stores.orders.listByCustomer(customer, { limit: 5, after: first.next! });
    expect(rest.items.map((o) => o.id)).toEqual([orders[1]!.id, orders[0]!.id]);
    expect(rest.next).toBeNull();
  });

  it("refuse a changed position before any query runs", async () => {
    const customer = uniqueCustomer();
    for (const order of ordersFor(customer, 3)) await stores.orders.create(order);
    const { next } = await stores.orders.listByCustomer(customer, { limit: 1 });
    const { createdAt, id } = decodeKeyset(customerList(customer), next!);
    const [, check] = next!.split(".");
    const other = Buffer.from(`${createdAt}|${id}x`).toString("base64url");
    // Nothing listens here: a refusal that reached the database would be StoreUnavailable instead.
    const env = { SKYPORT_COSMOS_ENDPOINT: `https://127.0.0.1:${await freePort()}`, SKYPORT_COSMOS_KEY: server.key };
    const unreachable = cosmosStores(env, { agent: emulatorAgent() });
    try {
      await expect(unreachable.orders.listByCustomer(customer, { limit: 5, after: `${other}.${check}` })).rejects.toBeInstanceOf(InvalidCursor);
    } finally {
      await unreachable.close();
    }
  });
});

describe("cosmos idempotency TTL", () => {
  it("expires a record at its expiry by the server's clock, however far this host's clock is off", async () => {
    const { stores, database } = await freshStores();
    const client = emulatorClient(server);
    try {
      const container = client.database(database).container(IDEMPOTENCY_CONTAINER.id);
      for (const skewMs of [-7_000, 4_000]) {
        const skewed = new CosmosIdempotencyStore(container, () => Date.now() + skewMs);
        const key = `key_${uniqueCustomer()}`;
        const expiresAt = new Date(Date.now() + 3_600_000);
        await skewed.begin(key, "fp", expiresAt, new Date());
        expect(await ttlExpiryOf(container, key)).toBe(Math.ceil(expiresAt.getTime() / 1000));
        const completedUntil = new Date(Date.now() + 86_400_000);
        await skewed.complete(key, { status: 201, headers: {} }, completedUntil);
        expect(await ttlExpiryOf(container, key)).toBe(Math.ceil(completedUntil.getTime() / 1000));
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
    const stores = cosmosStores(env, { agent: emulatorAgent() });
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
