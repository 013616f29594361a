import { existsSync } from "node:fs";
import { join } from "node:path";
import { IdempotencyRecordMissing, StoreUnavailable, type Stores } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PURGE_BATCH } from "../src/idempotency-store.js";
import { SchemaTooNew, openSqliteStores, sqliteStores } from "../src/index.js";
import { orderQueries } from "../src/order-store.js";
import { idempotencyRecordIn } from "../src/testing/idempotency-records.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();

/** Opens the stores and a plain second connection on a fresh file; closes both afterwards. */
async function withFile(name: string, test: (stores: Stores, raw: Database.Database) => Promise<void>, busyTimeoutMs?: number) {
  const file = join(dir, name);
  const stores = openSqliteStores(file, { busyTimeoutMs });
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

  it("serves every listing from an index, without sorting", () =>
    withFile("plans.db", async (_stores, raw) => {
      const params = { customerId: "c", status: "pending", createdBefore: "z", createdAt: "t", id: "i", limit: 1 };
      for (const [name, sql] of Object.entries(orderQueries)) {
        const steps = raw.prepare<[typeof params], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(params);
        const plan = steps.map((step) => step.detail).join("; ");
        const index = name.startsWith("byCustomer") ? "orders_by_customer" : "orders_by_status";
        expect(plan, name).toContain(`SEARCH orders USING INDEX ${index}`);
        expect(plan, name).not.toContain("TEMP B-TREE");
      }
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

  it("purges expired idempotency records on begin, at most a batch at a time", () =>
    withFile("purge.db", async (stores, raw) => {
      const now = Date.now();
      for (let i = 0; i < PURGE_BATCH + 5; i++) {
        await stores.idempotency.begin(`old-${i}`, "fp", new Date(now + 1000), new Date(now));
      }
      await stores.idempotency.begin("live", "fp", new Date(now + 60_000), new Date(now));
      const count = () => raw.prepare<[], { n: number }>("SELECT count(*) AS n FROM idempotency_keys").get()!.n;
      expect(count()).toBe(PURGE_BATCH + 6);

      const later = new Date(now + 2000);
      await stores.idempotency.begin("new", "fp", new Date(now + 60_000), later);
      expect(count()).toBe(5 + 2);
      await stores.idempotency.begin("newer", "fp", new Date(now + 60_000), later);
      expect(count()).toBe(3);
      expect(idempotencyRecordIn(raw, "live", later)).toMatchObject({ state: "in-flight" });
    }));

  it("keeps a completed response when a stray release arrives, and refuses to complete a released key", () =>
    withFile("release.db", async (stores, raw) => {
      const expiresAt = new Date(Date.now() + 60_000);
      await stores.idempotency.begin("done", "fp", expiresAt, new Date());
      await stores.idempotency.complete("done", { status: 201, headers: {} }, expiresAt);
      await stores.idempotency.release("done");
      expect(idempotencyRecordIn(raw, "done", new Date())).toMatchObject({ state: "completed" });

      await stores.idempotency.begin("gone", "fp", expiresAt, new Date());
      await stores.idempotency.release("gone");
      const complete = stores.idempotency.complete("gone", { status: 201, headers: {} }, expiresAt);
      await expect(complete).rejects.toBeInstanceOf(IdempotencyRecordMissing);
    }));

  it("refuses a file written by a newer schema and leaves it alone", () => {
    const file = join(dir, "newer.db");
    const raw = new Database(file);
    raw.pragma("user_version = 99");
    expect(() => openSqliteStores(file)).toThrow(SchemaTooNew);
    expect(raw.prepare("SELECT name FROM sqlite_schema").all()).toEqual([]);
    raw.close();
  });
});

describe("sqliteStores(env)", () => {
  it("opens the file SKYPORT_SQLITE_PATH names, creating its directory", async () => {
    const file = join(dir, "nested", "deeper", "orders.db");
    const stores = sqliteStores({ SKYPORT_SQLITE_PATH: file });
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    await stores.close();
    expect(existsSync(file)).toBe(true);
    const again = openSqliteStores(file);
    expect(await again.orders.get(order.id)).toEqual(order);
    await again.close();
  });
});
