import { join } from "node:path";
import { OrderExists, VersionConflict } from "@skyport/core";
import { orderAt } from "@skyport/core/testing";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStores } from "../src/index.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
let files = 0;

describe("the SQLite outbox: a change row in the writing statement's own transaction", () => {
  it("records each committed insert and update, in commit order, with the document before the update", async () => {
    const stores = openSqliteStores(join(dir, `outbox-${++files}.db`));
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

  it("records nothing for a write that did not commit: a refused insert, a stale update, a rolled-back transaction", async () => {
    const file = join(dir, `outbox-${++files}.db`);
    const stores = openSqliteStores(file);
    const raw = new Database(file);
    try {
      const order = orderAt(new Date());
      await stores.orders.create(order);
      const [created] = await stores.changes!.pending("orders", 10);
      await stores.changes!.acknowledge([created!.id]);
      await expect(stores.orders.create(order)).rejects.toThrow(OrderExists);
      await expect(stores.orders.update({ ...order, version: 3 }, 2)).rejects.toThrow(VersionConflict);
      const other = orderAt(new Date());
      expect(() =>
        raw.transaction(() => {
          raw
            .prepare("INSERT INTO orders (id, customer_id, status, created_at, version, body) VALUES (?, ?, ?, ?, ?, ?)")
            .run(other.id, other.customerId, other.status, other.createdAt, other.version, JSON.stringify(other));
          expect(raw.prepare("SELECT count(*) AS n FROM outbox").get()).toEqual({ n: 1 });
          throw new Error("roll back");
        })(),
      ).toThrow("roll back");
      expect(await stores.changes!.pending("orders", 10)).toEqual([]);
      expect(await stores.orders.get(other.id)).toBeNull();
    } finally {
      raw.close();
      await stores.close();
    }
  });
});
