import { randomBytes } from "node:crypto";
import { collectionLocation, idempotencyCollection, STORED_FIELDS, type Documents } from "@skyport/core";
import { orderStoresOn, ordersCollection, type Stores } from "@skyport/core/orders";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent, emulatorClient, emulatorEnv, storedItemOf } from "../src/testing/index.js";

const server = inject("cosmos");

/** The change feed the local server reads on the Cosmos DB server: the documents' own, a scan of the items' versions (core's ScannedChangeFeed). */
describe("cosmos change feed for the local server (the Cosmos DB server)", () => {
  let documents: Documents;
  let stores: Stores;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = emulatorEnv(server, `changes_${randomBytes(4).toString("hex")}`);
    documents = cosmosDocuments(env, { agent: emulatorAgent() });
    await documents.ensure([ordersCollection, idempotencyCollection]);
    stores = orderStoresOn(documents);
  });
  afterAll(() => stores.close());
  const feed = () => documents.changes!;
  const orders = () => emulatorClient(server).database(env.SKYPORT_COSMOS_DATABASE!).container(collectionLocation(env, ordersCollection));

  it("hands on a committed order as an update of the order itself, keyed by its key fields, then a new version, and nothing once acknowledged", async () => {
    const order = orderAt(new Date("2026-11-27T10:00:00.000Z"), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const [created, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    const stored = await storedItemOf(orders(), ordersCollection, { id: order.id });
    const version = stored![STORED_FIELDS.version];
    expect(created).toMatchObject({ key: { id: order.id }, type: "updated", version, value: order, committedAt: expect.any(String) });
    expect(created!.id).toBe(`orders/${order.id}@${version}`);
    await feed().acknowledge([created!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);

    await stores.orders.update({ ...order, status: "confirmed", version: 2, updatedAt: new Date().toISOString() }, 1);
    const [updated] = await feed().pending("orders", 100);
    expect(updated).toMatchObject({ key: { id: order.id }, value: { status: "confirmed", version: 2 } });
    expect(updated!.id).not.toBe(created!.id);
    await feed().acknowledge([updated!.id]);
  });

  it("hands on the delete of an order it handed on and saw acknowledged, once, of the version deleted", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled" });
    await stores.orders.create(order);
    const handed = await feed().pending("orders", 100);
    await feed().acknowledge(handed.map((change) => change.id));
    const version = (await storedItemOf(orders(), ordersCollection, { id: order.id }))![STORED_FIELDS.version];
    await stores.orders.delete(order.id, 1);
    const [deleted, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    expect(deleted).toEqual({ id: `orders/${order.id}@${version}/deleted`, type: "deleted", key: { id: order.id }, version });
    await feed().acknowledge([deleted!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);
  });

  it("hands on nothing of an order deleted before it was read, nor of an item that no collection wrote", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled" });
    await stores.orders.create(order);
    await stores.orders.delete(order.id, 1);
    await orders().items.create({ id: "stray", p_id: "stray" });
    const keys = (await feed().pending("orders", 100)).map((change) => change.key.id);
    expect(keys).not.toContain(order.id);
    expect(keys.filter((key) => key?.startsWith("stray"))).toEqual([]);
  });

  it("reads only the collections the documents were given (by collection or ensure)", async () => {
    await expect(feed().pending("loans", 10)).rejects.toThrow(/no collection loans in these documents \(orders, idempotency-keys\)/);
  });
});
