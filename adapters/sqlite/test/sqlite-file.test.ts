import { existsSync } from "node:fs";
import { join } from "node:path";
import { heldRecord, idempotencyCollection, IdempotencyRecordMissing, StoreUnavailable } from "@skyport/core";
import type { Stores } from "@skyport/core/orders";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SchemaTooNew, openSqliteDocuments, sqliteDocuments } from "../src/index.js";
import { openOrderStores, orderStoresIn } from "./order-stores.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();

/** Opens the stores and a plain second connection on a fresh file; closes both afterwards. */
async function withFile(name: string, test: (stores: Stores, raw: Database.Database) => Promise<void>, busyTimeoutMs?: number) {
  const file = join(dir, name);
  const stores = await openOrderStores(file, { busyTimeoutMs });
  const raw = new Database(file);
  try {
    await test(stores, raw);
  } finally {
    raw.close();
    await stores.close();
  }
}

describe("the sqlite file", () => {
  it("is in WAL mode", () =>
    withFile("wal.db", async (_stores, raw) => {
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    }));

  it("pages through orders created in the same millisecond one at a time, by id", () =>
    withFile("ties.db", async (stores) => {
      const customer = uniqueCustomer();
      const at = new Date();
      const twins = [1, 2, 3].map(() => orderAt(at, { customerId: customer }));
      for (const o of twins) await stores.orders.create(o);
      const byId = twins.map((o) => o.id).sort();

      const newest: string[] = [];
      const oldest: string[] = [];
      let after: string | undefined;
      do {
        const page = await stores.orders.listByCustomer(customer, { limit: 1, after });
        newest.push(...page.items.map((o) => o.id));
        after = page.next ?? undefined;
      } while (after !== undefined);
      do {
        const page = await stores.orders.listByStatus({ status: "pending", limit: 1, after });
        oldest.push(...page.items.map((o) => o.id));
        after = page.next ?? undefined;
      } while (after !== undefined);

      expect(newest).toEqual([...byId].reverse());
      expect(oldest).toEqual(byId);
    }));

  it("answers StoreUnavailable after waiting the busy timeout for another connection's write lock", () =>
    withFile(
      "busy.db",
      async (stores, raw) => {
        const order = orderAt(new Date(), { customerId: uniqueCustomer() });
        raw.exec("BEGIN IMMEDIATE");
        const started = Date.now();
        const failure = await stores.orders.create(order).catch((error: unknown) => error);
        expect(Date.now() - started).toBeGreaterThanOrEqual(150);
        expect(failure).toBeInstanceOf(StoreUnavailable);
        expect((failure as StoreUnavailable).message).toBe("store unavailable");
        expect((failure as StoreUnavailable).cause).toMatchObject({ code: "SQLITE_BUSY" });
        const begin = stores.idempotency.begin("busy-key", "fp", new Date(Date.now() + 60_000), new Date());
        await expect(begin).rejects.toBeInstanceOf(StoreUnavailable);
        raw.exec("COMMIT");

        await stores.orders.create(order);
        expect(await stores.orders.get(order.id)).toEqual(order);
      },
      200,
    ));

  it("keeps a completed response when a stray release arrives, and refuses to complete a released key", () =>
    withFile("release.db", async (stores) => {
      const records = openSqliteDocuments(join(dir, "release.db"));
      const recordOf = (key: string) => heldRecord(records.collection(idempotencyCollection), key, new Date());
      const expiresAt = new Date(Date.now() + 60_000);
      await stores.idempotency.begin("done", "fp", expiresAt, new Date());
      await stores.idempotency.complete("done", { status: 201, headers: {} }, expiresAt);
      await stores.idempotency.release("done");
      expect(await recordOf("done")).toMatchObject({ state: "completed" });

      await stores.idempotency.begin("gone", "fp", expiresAt, new Date());
      await stores.idempotency.release("gone");
      const complete = stores.idempotency.complete("gone", { status: 201, headers: {} }, expiresAt);
      await expect(complete).rejects.toBeInstanceOf(IdempotencyRecordMissing);
      expect(await recordOf("gone")).toBeNull();
      await records.close();
    }));

  it("refuses a file written by a newer schema and leaves it alone", async () => {
    const file = join(dir, "newer.db");
    const raw = new Database(file);
    raw.pragma("user_version = 99");
    await expect(openOrderStores(file)).rejects.toThrow(SchemaTooNew);
    expect(raw.prepare("SELECT name FROM sqlite_schema").all()).toEqual([]);
    raw.close();
  });
});

describe("sqliteDocuments(env), the order stores on it", () => {
  it("opens the file SKYPORT_SQLITE_PATH names, creating its directory", async () => {
    const file = join(dir, "nested", "deeper", "orders.db");
    const stores = await orderStoresIn(sqliteDocuments({ SKYPORT_SQLITE_PATH: file }));
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    await stores.close();
    expect(existsSync(file)).toBe(true);
    const again = await openOrderStores(file);
    expect(await again.orders.get(order.id)).toEqual(order);
    await again.close();
  });
});
