import { describe, expect, it } from "vitest";
import { memoryDocuments } from "../src/collections/memory-documents.js";
import type { Collection } from "../src/collections/collection.js";
import type { Order } from "../src/orders/order.js";
import { ordersCollection } from "../src/orders/storage/collections.js";
import { collectionOrderStore } from "../src/orders/storage/order-store.js";
import { VersionConflict } from "../src/ports/errors.js";

const order = (id: string, version = 1): Order => ({
  id,
  customerId: "cus_1",
  items: [{ sku: "A", quantity: 1, unitPrice: 100 }],
  currency: "EUR",
  total: 100,
  status: version === 1 ? "pending" : "confirmed",
  createdAt: "2026-12-07T00:00:00.000Z",
  updatedAt: "2026-12-07T00:00:00.000Z",
  version,
});

/** The orders collection on memory documents, each call it takes counted by name. */
function countedOrders() {
  const collection = memoryDocuments().collection(ordersCollection);
  const calls: string[] = [];
  const counted = new Proxy(collection, {
    get: (target, name: string) => {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(name);
        return value.apply(target, args);
      };
    },
  }) as Collection<Order>;
  return { collection, calls, store: collectionOrderStore(counted) };
}

describe("the order store on a collection: store calls of a read-then-write", () => {
  it("an update of the order it just read costs the write alone", async () => {
    const { collection, calls, store } = countedOrders();
    await collection.create(order("ord_1"));
    await store.get("ord_1");
    calls.length = 0;
    await store.update(order("ord_1", 2), 1);
    expect(calls).toEqual(["put"]);
    expect(await store.get("ord_1")).toMatchObject({ version: 2 });
  });

  it("a delete of an order listed a moment ago costs the delete alone", async () => {
    const { collection, calls, store } = countedOrders();
    await collection.create(order("ord_2"));
    await store.listByCustomer("cus_1", { limit: 10 });
    calls.length = 0;
    await store.delete("ord_2", 1);
    expect(calls).toEqual(["delete"]);
    expect(await store.get("ord_2")).toBeNull();
  });

  it("reports a real conflict: the order changed since this store read it", async () => {
    const { collection, store } = countedOrders();
    await store.create(order("ord_3"));
    await store.get("ord_3");
    await collection.put(order("ord_3", 2));
    await expect(store.update(order("ord_3", 2), 1)).rejects.toBeInstanceOf(VersionConflict);
    await expect(store.delete("ord_3", 1)).rejects.toBeInstanceOf(VersionConflict);
  });

  it("writes an order deleted and made again under its id, whose remembered version is stale but whose order version is the one expected", async () => {
    const { collection, calls, store } = countedOrders();
    await store.create(order("ord_4"));
    await collection.delete({ id: "ord_4" });
    await collection.create(order("ord_4"));
    calls.length = 0;
    await store.update(order("ord_4", 2), 1);
    // The remembered version is refused, a fresh read finds version 1 as expected, and the write holds on it.
    expect(calls).toEqual(["put", "get", "put"]);
    expect(await store.get("ord_4")).toMatchObject({ version: 2 });
  });
});
