import { existsSync } from "node:fs";
import { join } from "node:path";
import { collection, DocumentExists, InvalidDocument, planQuery, StoreUnavailable, VersionConflict, type Query } from "@skyport/core";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { queryStatement } from "../src/documents/query-statement.js";
import { SCHEMA_VERSION } from "../src/schema.js";
import { CollectionMismatch, openSqliteDocuments, sqliteDocuments } from "../src/index.js";
import { openOrderStores } from "./order-stores.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
let files = 0;
const fresh = () => join(dir, `documents-${++files}.db`);

interface Loan {
  member: string;
  id: string;
  bookId?: string;
  due?: string;
}
const loans = collection<Loan>("loans", { key: ["member", "id"], indexes: { "by-book": ["bookId", "due"] } });

describe("ensure()", () => {
  it("refuses a location whose key has other fields, naming both", async () => {
    const documents = openSqliteDocuments(fresh());
    try {
      await documents.ensure([loans]);
      const rekeyed = collection<Loan>("loans", { key: ["member"] });
      const refusal = documents.ensure([rekeyed]);
      await expect(refusal).rejects.toBeInstanceOf(CollectionMismatch);
      await expect(refusal).rejects.toThrow('collection at "loans": the file keys it by member, id; the declaration loans by member');
    } finally {
      await documents.close();
    }
  });

  it("refuses an index recorded with other fields, naming both", async () => {
    const documents = openSqliteDocuments(fresh());
    try {
      await documents.ensure([loans]);
      const moved = collection<Loan>("loans", { key: ["member", "id"], indexes: { "by-book": ["bookId"] } });
      await expect(documents.ensure([moved])).rejects.toThrow("the file has index by-book on bookId, due; the declaration loans on bookId");
    } finally {
      await documents.close();
    }
  });

  it("builds a newly declared index from the documents already there, and drops one no longer declared", async () => {
    const file = fresh();
    const documents = openSqliteDocuments(file);
    const raw = new Database(file);
    const indexRows = () => raw.prepare("SELECT pk, sk, ipk, isk FROM document_index ORDER BY pk, sk").all();
    try {
      const plain = collection<Loan>("loans", { key: ["member", "id"] });
      await documents.ensure([plain]);
      await documents.collection(plain).putMany([
        { member: "ada", id: "1", bookId: "b", due: "2026-12-02" },
        { member: "bob", id: "2", bookId: "b", due: "2026-12-01" },
        { member: "cy", id: "3", bookId: "b" },
      ]);
      expect(indexRows()).toEqual([]);

      await documents.ensure([loans]);
      const page = await documents.collection(loans).query({ index: "by-book", where: { bookId: "b" } });
      expect(page.items.map((item) => item.value.id)).toEqual(["2", "1"]);

      await documents.ensure([plain]);
      expect(indexRows()).toEqual([]);
      await documents.ensure([loans]);
      expect(indexRows()).toHaveLength(2);
    } finally {
      raw.close();
      await documents.close();
    }
  });
});

describe("the documents file", () => {
  it("serves every query shape from the primary key or index rows, without a scan or a sort", async () => {
    const file = fresh();
    await (await openOrderStores(file)).close();
    const raw = new Database(file);
    try {
      const after = { sort: "s", key: { member: "m", id: "i" } };
      const sorts: Query["sort"][] = [undefined, { beginsWith: "a" }, { between: ["a", "b"] }, { gt: "a" }, { gte: "a" }, { lt: "a" }, { lte: "a" }];
      for (const index of [undefined, "by-book"])
        for (const descending of [false, true])
          for (const sort of sorts)
            for (const position of [undefined, after]) {
              const plan = planQuery(loans, { where: index ? { bookId: "b" } : { member: "m" }, index, descending, sort });
              const { sql, params } = queryStatement(loans, "loans", plan, position, 0);
              const steps = raw.prepare<[Record<string, unknown>], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(params);
              const detail = steps.map((step) => step.detail).join("; ");
              const name = JSON.stringify({ index, descending, sort, position });
              expect(detail, name).toMatch(index ? /^SEARCH i USING PRIMARY KEY .*; SEARCH d USING PRIMARY KEY/ : /^SEARCH d USING PRIMARY KEY/);
              expect(detail, name).not.toMatch(/SCAN|TEMP B-TREE/);
            }
    } finally {
      raw.close();
    }
  });

  it("upgrades a file written by schema version 2: the order tables of its own go, the collections come", async () => {
    const file = fresh();
    // What version 2 wrote: the order service's own tables and its outbox trigger.
    const raw = new Database(file);
    raw.exec(`CREATE TABLE orders (id TEXT PRIMARY KEY, body TEXT) WITHOUT ROWID;
      CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, document TEXT);
      CREATE TRIGGER orders_inserted_outbox AFTER INSERT ON orders BEGIN INSERT INTO outbox (document) VALUES (NEW.body); END;`);
    raw.pragma("user_version = 2");

    const documents = openSqliteDocuments(file);
    try {
      await documents.ensure([loans]);
      const created = await documents.collection(loans).create({ member: "ada", id: "1" });
      expect(await documents.collection(loans).get({ member: "ada", id: "1" })).toEqual(created);
      expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      const names = raw
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger')")
        .all()
        .map((row) => row.name);
      expect(names).not.toContain("orders");
      expect(names).not.toContain("outbox");
      expect(names).not.toContain("orders_inserted_outbox");
      expect(names).toContain("documents");
    } finally {
      raw.close();
      await documents.close();
    }
  });

  it("answers StoreUnavailable after the busy timeout while another connection holds the write lock; putMany says so per value", async () => {
    const file = fresh();
    const documents = openSqliteDocuments(file, { busyTimeoutMs: 200 });
    const raw = new Database(file);
    try {
      const collection = documents.collection(loans);
      const kept = await collection.create({ member: "ada", id: "kept" });
      raw.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      const failure = await collection.put({ member: "ada", id: "x" }).catch((error: unknown) => error);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(failure).toBeInstanceOf(StoreUnavailable);
      expect((failure as StoreUnavailable).cause).toMatchObject({ code: "SQLITE_BUSY" });
      const outcomes = await collection.putMany([
        { member: "ada", id: "y" },
        { member: "ada", id: "" },
      ]);
      expect((outcomes[0] as { error: Error }).error).toBeInstanceOf(StoreUnavailable);
      expect((outcomes[1] as { error: Error }).error).toBeInstanceOf(InvalidDocument);
      // In WAL mode a reader does not wait for the writer.
      expect(await collection.get({ member: "ada", id: "kept" })).toEqual(kept);
      raw.exec("COMMIT");
      await collection.put({ member: "ada", id: "x" });
    } finally {
      raw.close();
      await documents.close();
    }
  });
});

describe("two connections to one file", () => {
  const twoConnections = async (test: (a: ReturnType<typeof openSqliteDocuments>, b: ReturnType<typeof openSqliteDocuments>) => Promise<void>) => {
    const file = fresh();
    const [a, b] = [openSqliteDocuments(file), openSqliteDocuments(file)];
    try {
      await a.ensure([loans]);
      await test(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  };

  it("see each other's writes, queries and deletes", () =>
    twoConnections(async (a, b) => {
      const created = await a.collection(loans).create({ member: "ada", id: "1", bookId: "b", due: "d" });
      expect(await b.collection(loans).get({ member: "ada", id: "1" })).toEqual(created);
      const updated = await b.collection(loans).put({ member: "ada", id: "1", bookId: "b", due: "e" }, { ifVersion: created.version });
      expect((await a.collection(loans).query({ index: "by-book", where: { bookId: "b" } })).items).toEqual([updated]);
      await expect(a.collection(loans).delete({ member: "ada", id: "1" }, { ifVersion: created.version })).rejects.toBeInstanceOf(VersionConflict);
      expect(await a.collection(loans).delete({ member: "ada", id: "1" }, { ifVersion: updated.version })).toBe(true);
      expect(await b.collection(loans).get({ member: "ada", id: "1" })).toBeUndefined();
    }));

  it("let exactly one of 50 puts with the same ifVersion win", () =>
    twoConnections(async (a, b) => {
      const { version } = await a.collection(loans).create({ member: "ada", id: "raced" });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).collection(loans).put({ member: "ada", id: "raced", bookId: `b-${i}` }, { ifVersion: version })),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(VersionConflict);
    }));

  it("let exactly one of 50 creates of one key make the document", () =>
    twoConnections(async (a, b) => {
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).collection(loans).create({ member: "ada", id: "raced" })));
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DocumentExists);
    }));
});

describe("sqliteDocuments(env)", () => {
  it("opens nothing until the first call, then the file SKYPORT_SQLITE_PATH names, each collection where SKYPORT_COLLECTION_<NAME> says", async () => {
    const file = join(dir, "nested", "deeper", "orders.db");
    const documents = sqliteDocuments({ SKYPORT_SQLITE_PATH: file, SKYPORT_COLLECTION_LOANS: "lending-loans" });
    try {
      const collection = documents.collection(loans);
      expect(existsSync(file)).toBe(false);
      await collection.create({ member: "ada", id: "1" });
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare("SELECT collection, pk, sk FROM documents").all()).toEqual([{ collection: "lending-loans", pk: "ada", sk: "1" }]);
      raw.close();
    } finally {
      await documents.close();
    }
  });
});
