import { join } from "node:path";
import { collection, DocumentExists, VersionConflict, type Documents } from "@skyport/core";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PURGE_BATCH } from "../src/documents/document-rows.js";
import { openSqliteDocuments, type SqliteDocumentsOptions } from "../src/index.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
let files = 0;

interface Loan {
  member: string;
  id: string;
  bookId?: string;
  expiresAt?: string;
}
const loans = collection<Loan>("loans", { key: ["member", "id"], indexes: { "by-book": ["bookId"] }, expiresAt: "expiresAt" });

interface ChangeRow {
  collection: string;
  key: string;
  type: string;
  version: string;
  value: string | null;
  previous: string | null;
}

/** Documents and a plain connection reading its change rows, on a fresh file; both closed afterwards. */
async function withFile(test: (documents: Documents, changes: () => ChangeRow[], raw: Database.Database) => Promise<void>, options?: SqliteDocumentsOptions) {
  const file = join(dir, `changes-${++files}.db`);
  const documents = openSqliteDocuments(file, options);
  await documents.ensure([loans]);
  const raw = new Database(file);
  const changes = () => raw.prepare<[], ChangeRow>("SELECT collection, key, type, version, value, previous FROM document_changes ORDER BY seq").all();
  try {
    await test(documents, changes, raw);
  } finally {
    raw.close();
    await documents.close();
  }
}

const keyText = (loan: Loan) => JSON.stringify({ member: loan.member, id: loan.id });

describe("document_changes: one row per committed write, in the write's own transaction", () => {
  it("records a create, an update and a delete in commit order, each with its version, value and previous value", () =>
    withFile(async (documents, changes, raw) => {
      const collection = documents.collection(loans);
      const first = { member: "ada", id: "loan-1", bookId: "b-1" };
      const second = { ...first, bookId: "b-2" };
      const created = await collection.create(first);
      const updated = await collection.put(second);
      expect(raw.prepare("SELECT ipk FROM document_index").all()).toEqual([{ ipk: "b-2" }]);
      expect(await collection.delete({ member: "ada", id: "loan-1" })).toBe(true);
      expect(raw.prepare("SELECT count(*) AS n FROM document_index").get()).toEqual({ n: 0 });
      expect(changes()).toEqual([
        { collection: "loans", key: keyText(first), type: "created", version: created.version, value: JSON.stringify(first), previous: null },
        { collection: "loans", key: keyText(first), type: "updated", version: updated.version, value: JSON.stringify(second), previous: JSON.stringify(first) },
        // A delete carries the version it deleted, as the clouds' streams do.
        { collection: "loans", key: keyText(first), type: "deleted", version: updated.version, value: null, previous: JSON.stringify(second) },
      ]);
    }));

  it("records nothing for a write that did not commit: a refused create, a stale put or delete, a rolled-back transaction, a delete of nothing", () =>
    withFile(async (documents, changes, raw) => {
      const collection = documents.collection(loans);
      const loan = { member: "ada", id: "kept" };
      const { version } = await collection.create(loan);
      await collection.put(loan);
      const before = changes();
      expect(before).toHaveLength(2);

      await expect(collection.create(loan)).rejects.toBeInstanceOf(DocumentExists);
      await expect(collection.put(loan, { ifVersion: version })).rejects.toBeInstanceOf(VersionConflict);
      await expect(collection.delete({ member: "ada", id: "kept" }, { ifVersion: version })).rejects.toBeInstanceOf(VersionConflict);
      await expect(
        collection.transact([
          { create: { member: "ada", id: "new" } },
          { put: { member: "ada", id: "other" } },
          { check: { member: "ada", id: "kept" }, ifVersion: version },
        ]),
      ).rejects.toBeInstanceOf(VersionConflict);
      expect(await collection.delete({ member: "ada", id: "absent" })).toBe(false);
      expect(changes()).toEqual(before);
      // The rolled-back transaction left no document, no index row and no change.
      expect(await collection.get({ member: "ada", id: "new" })).toBeUndefined();
      expect(raw.prepare("SELECT count(*) AS n FROM documents").get()).toEqual({ n: 1 });
      expect(raw.prepare("SELECT count(*) AS n FROM document_index").get()).toEqual({ n: 0 });
    }));

  it("records each operation of a committed transaction and each valid value of putMany", () =>
    withFile(async (documents, changes) => {
      const collection = documents.collection(loans);
      const old = await collection.create({ member: "ada", id: "old" });
      const committed = await collection.transact([
        { create: { member: "ada", id: "a" } },
        { put: { member: "ada", id: "old", bookId: "b" }, ifVersion: old.version },
        { delete: { member: "ada", id: "none" } },
      ]);
      const outcomes = await collection.putMany([
        { member: "bob", id: "x" },
        { member: "bob", id: "" },
        { member: "bob", id: "x", bookId: "last" },
      ]);
      expect(
        changes()
          .slice(1)
          .map(({ key, type, version }) => [JSON.parse(key).id, type, version]),
      ).toEqual([
        ["a", "created", (committed[0] as { version: string }).version],
        ["old", "updated", (committed[1] as { version: string }).version],
        ["x", "created", (outcomes[0] as { version: string }).version],
        ["x", "updated", (outcomes[2] as { version: string }).version],
      ]);
    }));
});

describe("expiry without a TTL", () => {
  it("deletes expired documents a batch per write, each with its deleted change, and treats an expired one not yet deleted as absent", async () => {
    let now = Date.parse("2026-12-01T00:00:00Z");
    const at = (ms: number) => new Date(now + ms).toISOString();
    await withFile(
      async (documents, changes, raw) => {
        const collection = documents.collection(loans);
        const count = () => (raw.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
        await collection.putMany(Array.from({ length: PURGE_BATCH + 20 }, (_, i) => ({ member: "ada", id: `old-${i}`, expiresAt: at(1000) })));
        // Expires last: past the purge's first batch, so only the write's own check sees it expired.
        const last = await collection.create({ member: "ada", id: "last", bookId: "b", expiresAt: at(2000) });
        now += 5000;

        expect(await collection.get({ member: "ada", id: "last" })).toBeUndefined();
        expect((await collection.query({ index: "by-book", where: { bookId: "b" } })).items).toEqual([]);
        expect(count()).toBe(PURGE_BATCH + 21); // reads delete nothing
        await expect(collection.put({ member: "ada", id: "last" }, { ifVersion: last.version })).rejects.toBeInstanceOf(VersionConflict);
        expect(count()).toBe(PURGE_BATCH + 21); // the refused write's purge rolled back with it

        const again = await collection.create({ member: "ada", id: "last" });
        expect(count()).toBe(20 + 1);
        const tail = changes().slice(-2);
        expect(tail).toEqual([
          {
            collection: "loans",
            key: keyText({ member: "ada", id: "last" }),
            type: "deleted",
            version: last.version,
            value: null,
            previous: expect.any(String),
          },
          {
            collection: "loans",
            key: keyText({ member: "ada", id: "last" }),
            type: "created",
            version: again.version,
            value: expect.any(String),
            previous: null,
          },
        ]);
        expect(changes().filter((change) => change.type === "deleted")).toHaveLength(PURGE_BATCH + 1);
        await collection.put({ member: "bob", id: "x" });
        expect(count()).toBe(2);
      },
      { clock: { now: () => new Date(now) } },
    );
  });
});
