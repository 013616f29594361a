import type { Change, Order, Stores } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { dynamoDbStoresWithChanges } from "../src/changes.js";
import { createOrdersTable, dynamoDbLocalEnv } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");
const open: Stores[] = [];
let table: string;
let tables = 0;

/** The local server's store after a start: the orders store and the table's stream as its change feed. */
function start() {
  const stores = dynamoDbStoresWithChanges({ ...process.env, SKYPORT_DYNAMODB_TABLE: table });
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

const versionsOf = (changes: Change[], orderId: string) => changes.filter((change) => change.document.id === orderId).map((change) => change.document.version);

beforeAll(() => {
  // The production path: the SDK finds region, endpoint and credentials in the standard variables.
  Object.assign(process.env, dynamoDbLocalEnv(endpoint, "unused"));
});

// A table per test (DynamoDB Local creates one in milliseconds): each stream holds only that test's writes.
beforeEach(async () => {
  table = `skyport-change-feed-${++tables}`;
  await createOrdersTable(endpoint, table);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((stores) => stores.close()));
});

describe("the DynamoDB stream as the local server's change feed", () => {
  it("hands on an order the store created as an insert with the document, as soon as the write has returned", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);

    const [change, ...more] = await feed.pending("orders", 10);
    expect(more).toEqual([]);
    expect(change).toMatchObject({ key: `ORDER#${placed.id}`, operation: "insert", document: placed });
    expect(change!.previous).toBeUndefined();
    expect(change!.id).toMatch(/^\d+$/);
    expect(new Date(change!.committedAt!).toISOString()).toBe(change!.committedAt);

    const next = order();
    await orders.create(next);
    expect((await feed.pending("orders", 10)).map((each) => each.document.id)).toEqual([placed.id, next.id]);
  });

  it("hands on an update as an update, with the document before it", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);
    await orders.update(confirmed(placed), placed.version);

    const [insert, update] = await feed.pending("orders", 10);
    expect(update).toMatchObject({ key: insert!.key, operation: "update", document: confirmed(placed), previous: placed });
  });

  it("does not hand on a delete", async () => {
    const { orders, feed } = start();
    const placed = order();
    await orders.create(placed);
    await orders.delete(placed.id, placed.version);
    const later = order();
    await orders.create(later);

    const changes = await feed.pending("orders", 10);
    expect(changes.map((change) => [change.document.id, change.operation])).toEqual([
      [placed.id, "insert"],
      [later.id, "insert"],
    ]);
  });

  it("hands on orders only: the idempotency records of the same table are not an orders change", async () => {
    const { orders, idempotency, feed } = start();
    await idempotency.begin("key-1", "fingerprint", new Date(Date.now() + 60_000), new Date());
    const placed = order();
    await orders.create(placed);

    expect((await feed.pending("orders", 10)).map((change) => change.key)).toEqual([`ORDER#${placed.id}`]);
    await expect(feed.pending("idempotency", 10)).rejects.toThrow(/holds no collection idempotency/);
  });

  it("no longer hands on what was acknowledged; what was not comes again, oldest first, at most limit", async () => {
    const { orders, feed } = start();
    const placed = [order(), order(), order()];
    for (const each of placed) await orders.create(each);

    const first = await feed.pending("orders", 2);
    expect(first.map((change) => change.document.id)).toEqual([placed[0]!.id, placed[1]!.id]);
    await feed.acknowledge([first[0]!.id]);

    const again = await feed.pending("orders", 10);
    expect(again.map((change) => change.document.id)).toEqual([placed[1]!.id, placed[2]!.id]);
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
