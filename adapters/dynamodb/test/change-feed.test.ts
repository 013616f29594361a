import { idempotencyCollection, ordersCollection, storedDocumentOf, type Change, type Order, type Stores } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { dynamoDbStoresWithChanges } from "../src/changes.js";
import { dynamoDbLocalClient, dynamoDbLocalEnv, ensureLocalCollections, prefixedTables, storedItemOf } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");
const inspector = dynamoDbLocalClient(endpoint);
const open: Stores[] = [];
let tables: Record<string, string>;
let runs = 0;

/** The local server's store after a start: the order stores and their tables' streams as their change feed. */
function start() {
  const stores = dynamoDbStoresWithChanges({ ...process.env, ...dynamoDbLocalEnv(endpoint, tables) });
  open.push(stores);
  return { orders: stores.orders, idempotency: stores.idempotency, feed: stores.changes! };
}

function order(fields: Partial<Order> = {}): Order {
  return orderAt(new Date(), { customerId: uniqueCustomer(), ...fields });
}

/** The order as a later write leaves it: its status, its version and its updatedAt (a second later) changed. */
function confirmed(placed: Order, version = placed.version + 1): Order {
  return { ...placed, status: "confirmed", version, updatedAt: new Date(Date.parse(placed.updatedAt) + 1000).toISOString() };
}

/** The order a change's item holds (core's layout, which the change router decodes). */
const orderIn = (image: Record<string, unknown> | undefined) => storedDocumentOf(image)?.value as Order | undefined;
const versionsOf = (changes: Change[], orderId: string) =>
  changes.filter((change) => change.key === orderId).map((change) => orderIn(change.document)?.version);

beforeAll(() => {
  // The production path: the SDK finds region, endpoint and credentials in the standard variables.
  Object.assign(process.env, dynamoDbLocalEnv(endpoint));
});
afterAll(() => inspector.destroy());

// Tables per test (DynamoDB Local creates one in milliseconds): each stream holds only that test's writes.
beforeEach(async () => {
  tables = prefixedTables(`skyport-change-feed-${++runs}`, [ordersCollection, idempotencyCollection]);
  await ensureLocalCollections(endpoint, dynamoDbLocalEnv(endpoint, tables), [ordersCollection, idempotencyCollection]);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((stores) => stores.close()));
});

describe("the collections' DynamoDB streams as the local server's change feed", () => {
  it("hands on an order the store created as an insert of the item the orders table holds, as soon as the write has returned", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);

    const [change, ...more] = await feed.pending("orders", 10);
    expect(more).toEqual([]);
    expect(change).toMatchObject({ key: placed.id, operation: "insert" });
    expect(change!.document).toEqual(await storedItemOf(inspector, tables.orders!, { id: placed.id }));
    expect(orderIn(change!.document)).toEqual(placed);
    expect(change!.previous).toBeUndefined();
    expect(change!.id).toMatch(/^\d+$/);
    expect(new Date(change!.committedAt!).toISOString()).toBe(change!.committedAt);

    const next = order();
    await orders.create(next);
    expect((await feed.pending("orders", 10)).map((each) => each.key)).toEqual([placed.id, next.id]);
  });

  it("hands on an update as an update, with the item before it", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);
    await orders.update(confirmed(placed), placed.version);

    const [insert, update] = await feed.pending("orders", 10);
    expect(update).toMatchObject({ key: insert!.key, operation: "update" });
    expect(orderIn(update!.document)).toEqual(confirmed(placed));
    expect(update!.previous).toEqual(insert!.document);
  });

  it("hands on a delete as a delete, with the item as it was", async () => {
    const { orders, feed } = start();
    const placed = order({ status: "cancelled" });
    await orders.create(placed);
    await orders.delete(placed.id, placed.version);
    const later = order();
    await orders.create(later);

    const changes = await feed.pending("orders", 10);
    expect(changes.map((change) => [change.key, change.operation])).toEqual([
      [placed.id, "insert"],
      [placed.id, "delete"],
      [later.id, "insert"],
    ]);
    expect(changes[1]!.document).toEqual(changes[0]!.document);
    expect(orderIn(changes[1]!.document)).toEqual(placed);
  });

  it("hands on each collection's changes from its own table: the idempotency keys' writes are not an orders change", async () => {
    const { orders, idempotency, feed } = start();
    await idempotency.begin("key-1", "fingerprint", new Date(Date.now() + 60_000), new Date());
    const placed = order();
    await orders.create(placed);

    expect((await feed.pending("orders", 10)).map((change) => change.key)).toEqual([placed.id]);
    const [claimed, ...rest] = await feed.pending(idempotencyCollection.name, 10);
    expect([claimed?.key, claimed?.operation, rest]).toEqual(["key-1", "insert", []]);
    await expect(feed.pending("shipments", 10)).rejects.toThrow(/no collection shipments/);
  });

  it("no longer hands on what was acknowledged; what was not comes again, oldest first, at most limit", async () => {
    const { orders, feed } = start();
    const placed = [order(), order(), order()];
    for (const each of placed) await orders.create(each);

    const first = await feed.pending("orders", 2);
    expect(first.map((change) => change.key)).toEqual([placed[0]!.id, placed[1]!.id]);
    await feed.acknowledge([first[0]!.id]);

    const again = await feed.pending("orders", 10);
    expect(again.map((change) => change.key)).toEqual([placed[1]!.id, placed[2]!.id]);
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
