import { idempotencyCollection, type DocumentChange, type Documents } from "@skyport/core";
import { orderStoresOn, ordersCollection, type Order } from "@skyport/core/orders";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { dynamoDbDocumentsWithChanges } from "../src/changes.js";
import { dynamoDbDocumentsOn } from "../src/index.js";
import { dynamoDbLocalClient, dynamoDbLocalEnv, ensureLocalCollections, prefixedTables } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");
const open: Documents[] = [];
let tables: Record<string, string>;
let runs = 0;

/** The local server's documents after a start, with their tables' streams as their change feed, and the order stores on them. */
function start() {
  const documents = dynamoDbDocumentsWithChanges({ ...process.env, ...dynamoDbLocalEnv(endpoint, tables) });
  open.push(documents);
  const { orders, idempotency } = orderStoresOn(documents);
  return { orders, idempotency, feed: documents.changes! };
}

function order(fields: Partial<Order> = {}): Order {
  return orderAt(new Date(), { customerId: uniqueCustomer(), ...fields });
}

/** The order as a later write leaves it: its status, its version and its updatedAt (a second later) changed. */
function confirmed(placed: Order, version = placed.version + 1): Order {
  return { ...placed, status: "confirmed", version, updatedAt: new Date(Date.parse(placed.updatedAt) + 1000).toISOString() };
}

const versionsOf = (changes: DocumentChange[], orderId: string) =>
  changes.filter((change) => change.key.id === orderId).map((change) => (change.value as Order | undefined)?.version);
const keysOf = (changes: DocumentChange[]) => changes.map((change) => Object.values(change.key).join("/"));

beforeAll(() => {
  // The production path: the SDK finds region, endpoint and credentials in the standard variables.
  Object.assign(process.env, dynamoDbLocalEnv(endpoint));
});

// Tables per test (DynamoDB Local creates one in milliseconds): each stream holds only that test's writes.
beforeEach(async () => {
  tables = prefixedTables(`skyport-change-feed-${++runs}`, [ordersCollection, idempotencyCollection]);
  await ensureLocalCollections(endpoint, dynamoDbLocalEnv(endpoint, tables), [ordersCollection, idempotencyCollection]);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((documents) => documents.close()));
});

describe("the collections' DynamoDB streams as the local server's change feed", () => {
  it("hands on a created document as created, with its key, version and value, as soon as the write has returned", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);

    const [change, ...more] = await feed.pending("orders", 10);
    expect(more).toEqual([]);
    expect(change).toMatchObject({ key: { id: placed.id }, type: "created", value: placed });
    // The version the table holds, read by another client.
    const reader = dynamoDbDocumentsOn(dynamoDbLocalClient(endpoint), { ...process.env, ...dynamoDbLocalEnv(endpoint, tables) });
    open.push(reader);
    expect(change!.version).toBe((await reader.collection(ordersCollection).get({ id: placed.id }))?.version);
    expect(change!.previous).toBeUndefined();
    expect(change!.id).toMatch(/^\d+$/);
    expect(new Date(change!.committedAt!).toISOString()).toBe(change!.committedAt);

    const next = order();
    await orders.create(next);
    expect(keysOf(await feed.pending("orders", 10))).toEqual([placed.id, next.id]);
  });

  it("hands on an update as updated, with the document before it", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);
    await orders.update(confirmed(placed), placed.version);

    const [create, update] = await feed.pending("orders", 10);
    expect(update).toMatchObject({ key: create!.key, type: "updated", value: confirmed(placed), previous: placed });
    expect(update!.version).not.toBe(create!.version);
  });

  it("hands on a delete as deleted, of the version it deleted, with the document as it was", async () => {
    const { orders, feed } = start();
    const placed = order({ status: "cancelled" });
    await orders.create(placed);
    await orders.delete(placed.id, placed.version);
    const later = order();
    await orders.create(later);

    const changes = await feed.pending("orders", 10);
    expect(changes.map((change) => [change.key.id, change.type])).toEqual([
      [placed.id, "created"],
      [placed.id, "deleted"],
      [later.id, "created"],
    ]);
    expect(changes[1]).toMatchObject({ version: changes[0]!.version, previous: placed });
    expect(changes[1]!.value).toBeUndefined();
  });

  it("hands on each collection's changes from its own table: the idempotency keys' writes are not an orders change", async () => {
    const { orders, idempotency, feed } = start();
    await idempotency.begin("key-1", "fingerprint", new Date(Date.now() + 60_000), new Date());
    const placed = order();
    await orders.create(placed);

    expect(keysOf(await feed.pending("orders", 10))).toEqual([placed.id]);
    const [claimed, ...rest] = await feed.pending(idempotencyCollection.name, 10);
    expect([claimed?.key, claimed?.type, rest]).toEqual([{ key: "key-1" }, "created", []]);
    await expect(feed.pending("shipments", 10)).rejects.toThrow(/no collection shipments/);
  });

  it("no longer hands on what was acknowledged; what was not comes again, oldest first, at most limit", async () => {
    const { orders, feed } = start();
    const placed = [order(), order(), order()];
    for (const each of placed) await orders.create(each);

    const first = await feed.pending("orders", 2);
    expect(keysOf(first)).toEqual([placed[0]!.id, placed[1]!.id]);
    await feed.acknowledge([first[0]!.id]);

    const again = await feed.pending("orders", 10);
    expect(keysOf(again)).toEqual([placed[1]!.id, placed[2]!.id]);
    expect(again[0]).toEqual(first[1]);
    await feed.acknowledge(again.map((change) => change.id));
    expect(await feed.pending("orders", 10)).toEqual([]);
  });

  it("keeps each order's changes in commit order", async () => {
    const { orders, feed } = start();
    const [a, b] = [order(), order()];
    await orders.create(a);
    await orders.create(b);
    await orders.update(confirmed(a), 1);
    await orders.update(confirmed(b), 1);
    await orders.update({ ...confirmed(a, 3), status: "shipped" }, 2);

    const changes = await feed.pending("orders", 10);
    expect(versionsOf(changes, a.id)).toEqual([1, 2, 3]);
    expect(versionsOf(changes, b.id)).toEqual([1, 2]);
  });

  it("hands on again, after a restart, what the stream still holds: an order committed before a crash is announced", async () => {
    const before = start();
    const placed = [order(), order()];
    for (const each of placed) await before.orders.create(each);
    const handed = await before.feed.pending("orders", 10);
    await before.feed.acknowledge([handed[0]!.id]);

    const after = start();
    expect(await after.feed.pending("orders", 10)).toEqual(handed);
  });
});
