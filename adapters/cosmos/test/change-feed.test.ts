import { randomBytes } from "node:crypto";
import { collectionLocation, idempotencyCollection, ordersCollection, STORED_FIELDS, type Stores } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cosmosDocuments, cosmosStores } from "../src/index.js";
import { emulatorAgent, emulatorClient, emulatorEnv, storedItemOf } from "../src/testing/index.js";

const server = inject("cosmos");

/** The change feed the local server reads on the Cosmos DB server: a scan of the items' versions (core's ScannedChangeFeed). */
describe("cosmos change feed for the local server (the Cosmos DB server)", () => {
  let stores: Stores;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = emulatorEnv(server, `changes_${randomBytes(4).toString("hex")}`);
    const documents = cosmosDocuments(env, { agent: emulatorAgent() });
    await documents.ensure([ordersCollection, idempotencyCollection]).finally(() => documents.close());
    stores = cosmosStores(env, { agent: emulatorAgent() });
  });
  afterAll(() => stores.close());
  const feed = () => stores.changes!;
  const orders = () => emulatorClient(server).database(env.SKYPORT_COSMOS_DATABASE!).container(collectionLocation(env, ordersCollection));

  it("hands on a committed order as the order itself, keyed by its id, then its update as a new version, and nothing once acknowledged", async () => {
    const order = orderAt(new Date("2026-11-27T10:00:00.000Z"), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const [created, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    expect(created).toMatchObject({ key: order.id, operation: "write", document: order, committedAt: expect.any(String) });
    const stored = await storedItemOf(orders(), ordersCollection, { id: order.id });
    expect(created!.id).toBe(`orders/${order.id}@${stored![STORED_FIELDS.version]}`);
    await feed().acknowledge([created!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);

    await stores.orders.update({ ...order, status: "confirmed", version: 2, updatedAt: new Date().toISOString() }, 1);
    const [updated] = await feed().pending("orders", 100);
    expect(updated).toMatchObject({ key: order.id, document: { status: "confirmed", version: 2 } });
    expect(updated!.id).not.toBe(created!.id);
  });

  it("hands on nothing of an order deleted before it was read, nor of an item that no collection wrote", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled" });
    await stores.orders.create(order);
    await stores.orders.delete(order.id, 1);
    await orders().items.create({ id: "stray", p_id: "stray" });
    const keys = (await feed().pending("orders", 100)).map((change) => change.key);
    expect(keys).not.toContain(order.id);
    expect(keys.filter((key) => key.startsWith("stray"))).toEqual([]);
  });

  it("reads only the collections of the order stores", async () => {
    await expect(feed().pending("loans", 10)).rejects.toThrow(/no collection loans/);
  });
});
