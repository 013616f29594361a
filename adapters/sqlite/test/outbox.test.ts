import { join } from "node:path";
import { VersionConflict } from "@skyport/core";
import { OrderExists } from "@skyport/core/orders";
import { orderAt } from "@skyport/core/orders/testing";
import { describe, expect, it } from "vitest";
import { sqliteDocuments } from "../src/index.js";
import { openOrderStores, orderStoresIn } from "./order-stores.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
let files = 0;

describe("the order stores' outbox: the collections' change rows, written in each write's own transaction", () => {
  it("hands on each committed create and update of an order, in commit order, with the order before the update", async () => {
    const stores = await openOrderStores(join(dir, `outbox-${++files}.db`));
    try {
      const order = orderAt(new Date());
      await stores.orders.create(order);
      await stores.orders.update({ ...order, status: "confirmed", version: 2 }, 1);
      const changes = await stores.changes!.pending("orders", 10);
      expect(changes.map((c) => [c.key, c.operation, c.document.version, c.previous?.version])).toEqual([
        [order.id, "insert", 1, undefined],
        [order.id, "update", 2, 1],
      ]);
      expect(changes[0]!.document).toEqual(order);
      await stores.changes!.acknowledge([changes[0]!.id]);
      expect((await stores.changes!.pending("orders", 10)).map((c) => c.id)).toEqual([changes[1]!.id]);
    } finally {
      await stores.close();
    }
  });

  it("hands on nothing for a write that did not commit (a refused create, a stale update), nor the idempotency keys' writes", async () => {
    const stores = await openOrderStores(join(dir, `outbox-${++files}.db`));
    try {
      const order = orderAt(new Date());
      await stores.orders.create(order);
      const [created] = await stores.changes!.pending("orders", 10);
      await stores.changes!.acknowledge([created!.id]);
      await expect(stores.orders.create(order)).rejects.toThrow(OrderExists);
      await expect(stores.orders.update({ ...order, version: 3 }, 2)).rejects.toThrow(VersionConflict);
      await stores.idempotency.begin("key", "fp", new Date(Date.now() + 60_000), new Date(), "ord_x");
      expect(await stores.changes!.pending("orders", 10)).toEqual([]);
    } finally {
      await stores.close();
    }
  });

  it("hands on a deleted order's change too, with the order as it was", async () => {
    const stores = await openOrderStores(join(dir, `outbox-${++files}.db`));
    try {
      const order = orderAt(new Date(), { status: "cancelled" });
      await stores.orders.create(order);
      await stores.orders.delete(order.id, 1);
      const changes = await stores.changes!.pending("orders", 10);
      expect(changes.map((c) => [c.key, c.operation, c.document])).toEqual([
        [order.id, "insert", order],
        [order.id, "delete", order],
      ]);
      expect(changes[1]!.version).toBe(changes[0]!.version);
    } finally {
      await stores.close();
    }
  });

  it("reads a collection's changes by its name where SKYPORT_COLLECTION_<NAME> puts it", async () => {
    const stores = await orderStoresIn(
      sqliteDocuments({ SKYPORT_SQLITE_PATH: join(dir, `outbox-${++files}.db`), SKYPORT_COLLECTION_ORDERS: "orders-elsewhere" }),
    );
    try {
      const order = orderAt(new Date());
      await stores.orders.create(order);
      expect((await stores.changes!.pending("orders", 10)).map((c) => [c.key, c.operation])).toEqual([[order.id, "insert"]]);
    } finally {
      await stores.close();
    }
  });
});
