import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Collection, Documents } from "../collections/collection.js";
import { MAX_DOCUMENT_BYTES, MAX_KEY_BYTES } from "../collections/rules.js";
import { MAX_TRANSACTION_BYTES } from "../collections/transaction-plan.js";
import { DocumentExists, DocumentTooLarge, InvalidDocument, InvalidQuery, StoreUnavailable, VersionConflict } from "../ports/errors.js";
import { contractCollections, inMs, member, type DocumentsUnderTest, type Loan, type Profile } from "./documents-fixtures.js";
import { documentQueryCases } from "./documents-query-contract.js";

export type { DocumentsUnderTest } from "./documents-fixtures.js";

/** A loan's key: what get and delete take. */
const keyOf = (loan: Loan) => ({ member: loan.member, id: loan.id });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a conformance case reaches: the store under test and its two collections. */
export interface DocumentsSuite {
  store: DocumentsUnderTest;
  loans: Collection<Loan>;
  profiles: Collection<Profile>;
}

/**
 * The document-store conformance suite: every call of `Collection<T>` and every rule of the port
 * (docs/API.md, Portable data), run against each store on its real stand-in. A store passes all of
 * it; what its stand-in lacks is declared and checked as declared.
 */
export function documentsContract(
  name: string,
  factory: () => Promise<DocumentsUnderTest> | DocumentsUnderTest,
  unreachable?: () => Documents | Promise<Documents>,
) {
  describe(`documents contract: ${name}`, () => {
    const suite = {} as DocumentsSuite;
    beforeAll(async () => {
      suite.store = await factory();
      const declared = contractCollections();
      await suite.store.documents.ensure(declared.all);
      // Twice: ensure only creates what is missing.
      await suite.store.documents.ensure(declared.all);
      suite.loans = suite.store.documents.collection(declared.loans);
      suite.profiles = suite.store.documents.collection(declared.profiles);
    });
    afterAll(async () => {
      await suite.store?.documents.close();
      await suite.store?.close?.();
    });

    writeCases(suite);
    documentQueryCases(suite);
    transactionCases(suite);
    putManyCases(suite);
    expiryCases(suite);
    limitCases(suite);
    raceCases(suite);

    // Every store with an endpoint gives its unreachable twin (a closed port); memory has none to lose.
    if (unreachable) {
      it("fails with StoreUnavailable when the store cannot be reached", async () => {
        const documents = await unreachable();
        try {
          const loans = documents.collection(suite.loans.declaration);
          await expect(loans.get({ member: "ada", id: "x" })).rejects.toBeInstanceOf(StoreUnavailable);
          await expect(loans.put({ member: "ada", id: "x" })).rejects.toBeInstanceOf(StoreUnavailable);
        } finally {
          await documents.close();
        }
      });
    }
  });
}

function writeCases(suite: DocumentsSuite) {
  describe("get, create, put, delete", () => {
    it("answers undefined for a document that is not there", async () => {
      expect(await suite.loans.get({ member: member(), id: "nothing" })).toBeUndefined();
    });

    it("reads back exactly what was created, with the version create answered", async () => {
      const loan = {
        member: member(),
        id: "loan-1",
        bookId: "book-1",
        due: "2026-12-24",
        note: { nested: [[1, 2], [], [{ a: null }]], flag: false, pi: 3.14, n: -7, s: "é😀" },
      };
      const created = await suite.loans.create(loan);
      expect(created).toEqual({ value: loan, version: expect.any(String) });
      expect(created.version).not.toBe("");
      const read = await suite.loans.get({ member: loan.member, id: loan.id });
      expect(read).toEqual(created);
      // No store field (an etag, a ttl, a version attribute) shows in the value.
      expect(Object.keys(read!.value).sort()).toEqual(Object.keys(loan).sort());
    });

    it("refuses a second create of a key with DocumentExists naming it, and keeps the first", async () => {
      const loan = { member: member(), id: "loan-1", bookId: "book-1" };
      const first = await suite.loans.create(loan);
      const refused = await suite.loans.create({ ...loan, bookId: "book-2" }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DocumentExists);
      expect((refused as DocumentExists).key).toEqual({ member: loan.member, id: loan.id });
      expect(await suite.loans.get(keyOf(loan))).toEqual(first);
    });

    it("puts a new document, replaces it, and gives each write a new version", async () => {
      const loan = { member: member(), id: "loan-1", bookId: "book-1" };
      const first = await suite.loans.put(loan);
      const second = await suite.loans.put({ ...loan, bookId: "book-2" });
      expect(second.version).not.toBe(first.version);
      expect(await suite.loans.get(keyOf(loan))).toEqual({ value: { ...loan, bookId: "book-2" }, version: second.version });
    });

    it("puts with ifVersion only over that version; a stale or absent one is a VersionConflict and nothing is written", async () => {
      const loan = { member: member(), id: "loan-1", bookId: "book-1" };
      const first = await suite.loans.create(loan);
      const second = await suite.loans.put({ ...loan, bookId: "book-2" }, { ifVersion: first.version });
      await expect(suite.loans.put({ ...loan, bookId: "book-3" }, { ifVersion: first.version })).rejects.toBeInstanceOf(VersionConflict);
      expect(await suite.loans.get(keyOf(loan))).toEqual(second);
      const absent = { member: loan.member, id: "loan-2" };
      await expect(suite.loans.put(absent, { ifVersion: first.version })).rejects.toBeInstanceOf(VersionConflict);
      expect(await suite.loans.get(absent)).toBeUndefined();
    });

    it("deletes, answering whether the document was there", async () => {
      const loan = { member: member(), id: "loan-1" };
      await suite.loans.create(loan);
      expect(await suite.loans.delete(keyOf(loan))).toBe(true);
      expect(await suite.loans.get(keyOf(loan))).toBeUndefined();
      expect(await suite.loans.delete(keyOf(loan))).toBe(false);
    });

    it("deletes with ifVersion only that version; a stale or absent one is a VersionConflict and the document stays", async () => {
      const loan = { member: member(), id: "loan-1" };
      const first = await suite.loans.create(loan);
      const second = await suite.loans.put(loan);
      const refused = await suite.loans.delete(keyOf(loan), { ifVersion: first.version }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(VersionConflict);
      expect((refused as VersionConflict).key).toEqual(loan);
      expect(await suite.loans.get(keyOf(loan))).toEqual(second);
      expect(await suite.loans.delete(keyOf(loan), { ifVersion: second.version })).toBe(true);
      await expect(suite.loans.delete(keyOf(loan), { ifVersion: second.version })).rejects.toBeInstanceOf(VersionConflict);
    });

    it("never gives a version again, also across a delete and a re-create", async () => {
      const loan = { member: member(), id: "loan-1" };
      const versions = [(await suite.loans.create(loan)).version];
      await suite.loans.delete(keyOf(loan));
      versions.push((await suite.loans.create(loan)).version);
      versions.push((await suite.loans.put(loan)).version);
      await suite.loans.delete(keyOf(loan));
      versions.push((await suite.loans.put(loan)).version);
      expect(new Set(versions).size).toBe(versions.length);
      // The version of the deleted document no longer matches the new one.
      await expect(suite.loans.put(loan, { ifVersion: versions[0]! })).rejects.toBeInstanceOf(VersionConflict);
    });

    it("keeps a document whose key has no sort field", async () => {
      const profile = { handle: member(), email: "ada@example.com", tags: ["a", ["b"]] };
      const created = await suite.profiles.create(profile);
      expect(await suite.profiles.get({ handle: profile.handle })).toEqual(created);
      await expect(suite.profiles.create(profile)).rejects.toBeInstanceOf(DocumentExists);
    });

    it("refuses a key or document no store could hold with InvalidDocument, writing nothing", async () => {
      const partition = member();
      const refusals = [
        suite.loans.create({ member: partition } as Loan),
        suite.loans.create({ member: partition, id: "" }),
        suite.loans.create({ member: partition, id: 7 } as unknown as Loan),
        suite.loans.create({ member: partition, id: "lone \uD800 surrogate" }),
        suite.loans.put({ member: partition, id: "x", bookId: 3 } as unknown as Loan),
        suite.loans.put({ member: partition, id: "x", expiresAt: "tomorrow" }),
        suite.loans.put({ member: partition, id: "x", expiresAt: "2030-01-01T00:00:00" }),
        suite.loans.get({ member: partition } as never),
        suite.loans.delete({ member: partition, id: "x", extra: "y" } as never),
      ];
      for (const refusal of refusals) await expect(refusal).rejects.toBeInstanceOf(InvalidDocument);
      expect((await suite.loans.query({ where: { member: partition } })).items).toEqual([]);
    });
  });
}

function transactionCases(suite: DocumentsSuite) {
  describe("transact", () => {
    it("applies creates, puts, deletes and checks of one partition together, answering aligned with them", async () => {
      const partition = member();
      const kept = await suite.loans.create({ member: partition, id: "kept" });
      const replaced = await suite.loans.create({ member: partition, id: "replaced" });
      await suite.loans.create({ member: partition, id: "removed" });
      const results = await suite.loans.transact([
        { create: { member: partition, id: "new" } },
        { put: { member: partition, id: "replaced", bookId: "b" }, ifVersion: replaced.version },
        { delete: { member: partition, id: "removed" } },
        { check: { member: partition, id: "kept" }, ifVersion: kept.version },
      ]);
      expect(results).toEqual([{ version: expect.any(String) }, { version: expect.any(String) }, {}, {}]);
      expect(await suite.loans.get({ member: partition, id: "new" })).toEqual({
        value: { member: partition, id: "new" },
        version: (results[0] as { version: string }).version,
      });
      expect((await suite.loans.get({ member: partition, id: "replaced" }))?.value.bookId).toBe("b");
      expect(await suite.loans.get({ member: partition, id: "removed" })).toBeUndefined();
      expect(await suite.loans.get({ member: partition, id: "kept" })).toEqual(kept);
    });

    it("writes nothing when its last condition fails, and names that operation", async () => {
      const partition = member();
      const existing = await suite.loans.create({ member: partition, id: "existing" });
      await suite.loans.put({ member: partition, id: "existing" });
      const failed = await suite.loans
        .transact([
          { create: { member: partition, id: "a" } },
          { put: { member: partition, id: "b" } },
          { check: { member: partition, id: "existing" }, ifVersion: existing.version },
        ])
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(VersionConflict);
      expect((failed as VersionConflict).operation).toBe(2);
      const written = (await suite.loans.query({ where: { member: partition } })).items.map((item) => item.value.id);
      if (suite.store.standInLimitations?.transactNotAtomic) {
        // The stand-in's own limitation, declared: earlier operations may stay written there (never in the service).
        expect(written).toContain("existing");
      } else {
        expect(written).toEqual(["existing"]);
      }
    });

    it("fails a create of a taken key with DocumentExists naming the operation", async () => {
      const partition = member();
      await suite.loans.create({ member: partition, id: "taken" });
      const failed = await suite.loans
        .transact([{ put: { member: partition, id: "other" } }, { create: { member: partition, id: "taken" } }])
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(DocumentExists);
      expect((failed as DocumentExists).operation).toBe(1);
    });

    it("treats a conditioned operation on an absent document as a VersionConflict", async () => {
      const partition = member();
      const failed = await suite.loans.transact([{ delete: { member: partition, id: "absent" }, ifVersion: "v" }]).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(VersionConflict);
      expect((failed as VersionConflict).operation).toBe(0);
    });

    it("refuses more than 100 operations, two on one key, or two partitions with InvalidQuery, writing nothing", async () => {
      const partition = member();
      const many = Array.from({ length: 101 }, (_, i) => ({ put: { member: partition, id: `d-${i}` } }));
      await expect(suite.loans.transact(many)).rejects.toBeInstanceOf(InvalidQuery);
      await expect(suite.loans.transact([])).rejects.toBeInstanceOf(InvalidQuery);
      await expect(suite.loans.transact([{ put: { member: partition, id: "a" } }, { delete: { member: partition, id: "a" } }])).rejects.toBeInstanceOf(
        InvalidQuery,
      );
      await expect(suite.loans.transact([{ put: { member: partition, id: "a" } }, { put: { member: member(), id: "a" } }])).rejects.toBeInstanceOf(
        InvalidQuery,
      );
      expect((await suite.loans.query({ where: { member: partition } })).items).toEqual([]);
    });

    it(`refuses a transaction whose documents pass ${MAX_TRANSACTION_BYTES} bytes of JSON with InvalidQuery, writing nothing`, async () => {
      const partition = member();
      const large = (id: string) => ({ member: partition, id, note: "x".repeat(340_000) });
      await expect(suite.loans.transact(["a", "b", "c", "d", "e"].map((id) => ({ create: large(id) })))).rejects.toBeInstanceOf(InvalidQuery);
      expect((await suite.loans.query({ where: { member: partition } })).items).toEqual([]);
    });

    it("applies 100 operations at once", async () => {
      const partition = member();
      const results = await suite.loans.transact(
        Array.from({ length: 100 }, (_, i) => ({ create: { member: partition, id: `d-${String(i).padStart(3, "0")}` } })),
      );
      expect(results).toHaveLength(100);
      expect((await suite.loans.query({ where: { member: partition }, limit: 1000 })).items).toHaveLength(100);
    });
  });
}

function putManyCases(suite: DocumentsSuite) {
  describe("putMany", () => {
    it("writes every value in the store's batches and answers one outcome per value, in order", async () => {
      const partitions = [member(), member()];
      const values = Array.from({ length: 120 }, (_, i) => ({ member: partitions[i % 2]!, id: `d-${String(i).padStart(3, "0")}`, bookId: "b" }));
      const outcomes = await suite.loans.putMany(values);
      expect(outcomes).toHaveLength(120);
      for (const [i, outcome] of outcomes.entries()) {
        expect(outcome).toEqual({ version: expect.any(String) });
        expect(await suite.loans.get(keyOf(values[i]!))).toEqual({ value: values[i], version: (outcome as { version: string }).version });
      }
    });

    it("reports an invalid value as its own error and writes the others", async () => {
      const partition = member();
      const outcomes = await suite.loans.putMany([
        { member: partition, id: "a" },
        { member: partition, id: "" },
        { member: partition, id: "c" },
      ]);
      expect(outcomes[0]).toEqual({ version: expect.any(String) });
      expect((outcomes[1] as { error: Error }).error).toBeInstanceOf(InvalidDocument);
      expect(outcomes[2]).toEqual({ version: expect.any(String) });
      expect((await suite.loans.query({ where: { member: partition } })).items.map((item) => item.value.id)).toEqual(["a", "c"]);
    });

    it("keeps the last of a repeated key", async () => {
      const partition = member();
      await suite.loans.putMany([
        { member: partition, id: "a", bookId: "first" },
        { member: partition, id: "a", bookId: "last" },
      ]);
      expect((await suite.loans.get({ member: partition, id: "a" }))?.value.bookId).toBe("last");
    });

    it("takes 1 to 1000 values", async () => {
      await expect(suite.loans.putMany([])).rejects.toBeInstanceOf(InvalidQuery);
      await expect(suite.loans.putMany(Array.from({ length: 1001 }, (_, i) => ({ member: "m", id: String(i) })))).rejects.toBeInstanceOf(InvalidQuery);
    });
  });
}

function expiryCases(suite: DocumentsSuite) {
  describe("expiry", () => {
    it("hides a document past expiresAt from get, query and conditions, and lets its key be created again", async () => {
      const partition = member();
      const expired = { member: partition, id: "expired", bookId: "b", expiresAt: "2020-01-01T00:00:00Z" };
      const written = await suite.loans.put(expired);
      expect(await suite.loans.get(keyOf(expired))).toBeUndefined();
      expect((await suite.loans.query({ where: { member: partition } })).items).toEqual([]);
      await expect(suite.loans.put(expired, { ifVersion: written.version })).rejects.toBeInstanceOf(VersionConflict);
      expect(await suite.loans.delete(keyOf(expired))).toBe(false);
      const again = await suite.loans.create({ member: partition, id: "expired" });
      expect(await suite.loans.get(keyOf(expired))).toEqual(again);
    });

    it("shows a document until its expiresAt, then never again", async () => {
      const partition = member();
      const loan = { member: partition, id: "soon", bookId: `book-${partition}`, expiresAt: inMs(1500) };
      const written = await suite.loans.create(loan);
      expect(await suite.loans.get(keyOf(loan))).toEqual(written);
      await sleep(1600);
      expect(await suite.loans.get(keyOf(loan))).toBeUndefined();
      expect((await suite.loans.query({ where: { member: partition } })).items).toEqual([]);
      expect((await suite.loans.query({ index: "by-book", where: { bookId: loan.bookId } })).items).toEqual([]);
    });

    it("reads expiresAt with any offset", async () => {
      const partition = member();
      // 2020-01-01T00:30:00+01:00 is 2019-12-31T23:30Z: long past.
      await suite.loans.put({ member: partition, id: "offset", expiresAt: "2020-01-01T00:30:00+01:00" });
      expect(await suite.loans.get({ member: partition, id: "offset" })).toBeUndefined();
      const later = { member: partition, id: "later", expiresAt: "2999-01-01T00:30:00.123-05:00" };
      await suite.loans.put(later);
      expect((await suite.loans.get(keyOf(later)))?.value).toEqual(later);
    });
  });
}

function limitCases(suite: DocumentsSuite) {
  describe("limits", () => {
    const sized = (partition: string, bytes: number) => {
      const base = { member: partition, id: "big", note: "" };
      return { ...base, note: "x".repeat(bytes - Buffer.byteLength(JSON.stringify(base))) };
    };

    it(`keeps a document of ${MAX_DOCUMENT_BYTES} bytes of JSON, and refuses one byte more with DocumentTooLarge, writing nothing`, async () => {
      const partition = member();
      const largest = sized(partition, MAX_DOCUMENT_BYTES);
      expect(Buffer.byteLength(JSON.stringify(largest))).toBe(MAX_DOCUMENT_BYTES);
      const written = await suite.loans.create(largest);
      expect(await suite.loans.get(keyOf(largest))).toEqual(written);
      const over = sized(partition, MAX_DOCUMENT_BYTES + 1);
      await expect(suite.loans.put(over)).rejects.toBeInstanceOf(DocumentTooLarge);
      expect(await suite.loans.get(keyOf(largest))).toEqual(written);
      const overNew = { ...over, id: "bigger" };
      await expect(suite.loans.create(overNew)).rejects.toBeInstanceOf(DocumentTooLarge);
      expect(await suite.loans.get(keyOf(overNew))).toBeUndefined();
    });

    it(`keeps keys of any characters up to ${MAX_KEY_BYTES} bytes, and refuses a longer one`, async () => {
      const partition = `${member()} / \\ ? # % é 😀 "'`;
      const ids = ["a/b", "a\\b", "q?x", "h#t", "p%2F", " spaced ", "é", "😀", "\u{FFFD}", "日本", ".", "..", "__x__"];
      for (const id of ids) await suite.loans.create({ member: partition, id });
      for (const id of ids) expect((await suite.loans.get({ member: partition, id }))?.value).toEqual({ member: partition, id });
      const longest = "é".repeat(MAX_KEY_BYTES / 2);
      const long = { member: `${"m".repeat(MAX_KEY_BYTES - 40)}${member()}`.slice(-MAX_KEY_BYTES), id: longest };
      expect(Buffer.byteLength(long.id)).toBe(MAX_KEY_BYTES);
      const written = await suite.loans.create(long);
      expect(await suite.loans.get(keyOf(long))).toEqual(written);
      expect((await suite.loans.query({ where: { member: long.member } })).items).toEqual([written]);
      await expect(suite.loans.create({ member: partition, id: `${longest}a` })).rejects.toBeInstanceOf(InvalidDocument);
    });
  });
}

function raceCases(suite: DocumentsSuite) {
  describe("races", () => {
    it("lets exactly one of 50 puts with the same ifVersion win", async () => {
      const loan = { member: member(), id: "raced" };
      const { version } = await suite.loans.create(loan);
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => suite.loans.put({ ...loan, bookId: `b-${i}` }, { ifVersion: version })));
      const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(VersionConflict);
      expect(await suite.loans.get(keyOf(loan))).toEqual((won[0] as PromiseFulfilledResult<unknown>).value);
    });

    it("lets exactly one of 50 creates of one key make the document", async () => {
      const loan = { member: member(), id: "raced" };
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => suite.loans.create({ ...loan, bookId: `b-${i}` })));
      const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DocumentExists);
      expect(await suite.loans.get(keyOf(loan))).toEqual((won[0] as PromiseFulfilledResult<unknown>).value);
    });
  });
}
