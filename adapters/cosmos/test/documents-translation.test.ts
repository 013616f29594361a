import { collection, compareKeys, DocumentExists, planTransaction, VersionConflict, type Position } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { containerDefinitionOf } from "../src/documents/container-definition.js";
import { keyDifference } from "../src/documents/container-key.js";
import { mergedContainer } from "../src/documents/container-merge.js";
import { itemId, MAX_ID_LENGTH } from "../src/documents/item-id.js";
import { orderKey } from "../src/documents/order-key.js";
import { upsertRounds } from "../src/documents/upsert-rounds.js";

interface Loan {
  member: string;
  id: string;
  bookId?: string;
  due?: string;
}
const loans = collection<Loan>("loans", { key: ["member", "id"], indexes: { "by-book": ["bookId", "due"] }, expiresAt: "due" });

describe("item ids", () => {
  it("keep A-Z a-z 0-9 - and escape every other byte, so that no id holds / \\ ? # or is . or ..", () => {
    expect(itemId("loan-1")).toBe("loan-1");
    for (const value of ["a/b", "a\\b", "q?x", "h#t", ".", "..", " x ", "é", "😀", "_5F"]) {
      expect(itemId(value)).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(itemId("a/b")).toBe("a_2Fb");
    expect(itemId("_")).toBe("_5F");
  });

  it("are one-to-one: distinct values never share an id", () => {
    const values = ["a/b", "a_2Fb", "a_2fb", "_", "_5F", "é", "e\u0301", "😀"];
    expect(new Set(values.map(itemId)).size).toBe(values.length);
  });

  it("hash a value whose escaped form would pass 255 characters, into an id no escaped value can be", () => {
    const long = "é".repeat(512);
    const id = itemId(long);
    expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(id).toMatch(/^_h[A-Za-z0-9_-]{43}$/);
    expect(itemId(`${long}x`)).not.toBe(id);
    expect(itemId("a".repeat(MAX_ID_LENGTH))).toBe("a".repeat(MAX_ID_LENGTH));
    expect(itemId("a".repeat(MAX_ID_LENGTH + 1))).toMatch(/^_h/);
  });
});

describe("order keys", () => {
  // Code point order, where JavaScript's UTF-16 order puts U+FFFD after U+1F600.
  const values = ["", "A", "a", "a-1", "ab", "b", "é", "\u{E000}", "\u{FFFD}", "😀"];

  it("sort positions in code point order of the sort value, then by primary key, under plain string comparison", () => {
    const positions: Position[] = values.flatMap((sort) => ["m1", "m2"].map((member) => ({ sort, key: { member, id: `${sort}x` } })));
    const byKey = [...positions].sort((a, b) => {
      const [x, y] = [orderKey(loans, "by-book", a), orderKey(loans, "by-book", b)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const byRule = [...positions].sort(
      (a, b) => compareKeys(a.sort!, b.sort!) || compareKeys(a.key.member!, b.key.member!) || compareKeys(a.key.id!, b.key.id!),
    );
    expect(byKey).toEqual(byRule);
  });

  it("hold only characters that every string order agrees on", () => {
    expect(orderKey(loans, undefined, { sort: "😀/#", key: { member: "m", id: "😀/#" } })).toMatch(/^[0-9a-f.]+$/);
  });
});

describe("transactional batch", async () => {
  const { plannedBatch, failedOperation } = await import("../src/documents/transactional-batch.js");
  const stored = (id: string, v: string, etag: string) => ({
    id,
    $version: v,
    $document: JSON.stringify({ member: "ada", id }),
    p_member: "ada",
    s_id: "x",
    _etag: etag,
    _ts: 1,
  });
  const items = new Map([
    ["kept", stored("kept", "v-kept", "e-kept")],
    ["replaced", stored("replaced", "v-replaced", "e-replaced")],
    ["removed", stored("removed", "v-removed", "e-removed")],
  ]);

  it("sends one operation per write, each with the partition key, and the etag read on every stored item it touches", () => {
    const planned = planTransaction(loans, [
      { create: { member: "ada", id: "new" } },
      { put: { member: "ada", id: "replaced", bookId: "b" }, ifVersion: "v-replaced" },
      { delete: { member: "ada", id: "removed" } },
      { delete: { member: "ada", id: "absent" } },
      { check: { member: "ada", id: "kept" }, ifVersion: "v-kept" },
      { put: { member: "ada", id: "blind" } },
    ]);
    const batch = plannedBatch(loans, planned, items, Date.now());
    expect(batch.operations).toMatchObject([
      { operationType: "Create", partitionKey: "ada", resourceBody: { id: "new", p_member: "ada" } },
      {
        operationType: "Replace",
        partitionKey: "ada",
        id: "replaced",
        ifMatch: "e-replaced",
        resourceBody: { id: "replaced", $document: '{"member":"ada","id":"replaced","bookId":"b"}' },
      },
      // The delete leaves a tombstone the change feed carries: the document and version deleted, marked, with a TTL.
      {
        operationType: "Replace",
        partitionKey: "ada",
        id: "removed",
        ifMatch: "e-removed",
        resourceBody: {
          id: "removed",
          p_member: "ada",
          s_id: "x",
          $version: "v-removed",
          $document: items.get("removed")!.$document,
          $deleted: true,
          ttl: 86_400,
        },
      },
      // The check writes the item again as it was, keeping its version; the service ignores ifMatch on a read.
      {
        operationType: "Replace",
        partitionKey: "ada",
        id: "kept",
        ifMatch: "e-kept",
        resourceBody: { id: "kept", $version: "v-kept", $document: items.get("kept")!.$document },
      },
      { operationType: "Upsert", partitionKey: "ada", resourceBody: { id: "blind" } },
    ]);
    expect(batch.operations[3]).not.toHaveProperty("resourceBody._etag");
    // The delete of an absent document sends nothing.
    expect(batch.origins).toEqual([0, 1, 2, 4, 5]);
    expect(batch.results).toEqual([{ version: expect.any(String) }, { version: expect.any(String) }, {}, {}, {}, { version: expect.any(String) }]);
  });

  it("takes a tombstone for absent: a create replaces it over its etag, a delete sends nothing, a condition on its version fails", () => {
    const tombstone = { ...stored("gone", "v-gone", "e-gone"), $deleted: true as const, ttl: 86_400 };
    const withTombstone = new Map([["gone", tombstone]]);
    const create = plannedBatch(loans, planTransaction(loans, [{ create: { member: "ada", id: "gone" } }]), withTombstone, Date.now());
    expect(create.operations).toMatchObject([
      { operationType: "Replace", id: "gone", ifMatch: "e-gone", resourceBody: { $document: '{"member":"ada","id":"gone"}' } },
    ]);
    expect(create.operations[0]).not.toHaveProperty("resourceBody.$deleted");
    expect(plannedBatch(loans, planTransaction(loans, [{ delete: { member: "ada", id: "gone" } }]), withTombstone, Date.now()).operations).toEqual([]);
    for (const operation of [
      { check: { member: "ada", id: "gone" }, ifVersion: "v-gone" },
      { delete: { member: "ada", id: "gone" }, ifVersion: "v-gone" },
      { put: { member: "ada", id: "gone" }, ifVersion: "v-gone" },
    ])
      expect(() => plannedBatch(loans, planTransaction(loans, [operation]), withTombstone, Date.now())).toThrow(VersionConflict);
  });

  it("refuses before sending anything when what was read already fails a condition, naming that operation", () => {
    const stale = planTransaction(loans, [{ create: { member: "ada", id: "new" } }, { check: { member: "ada", id: "kept" }, ifVersion: "old" }]);
    const conflict = (() => {
      try {
        return plannedBatch(loans, stale, items, Date.now());
      } catch (error) {
        return error;
      }
    })();
    expect(conflict).toBeInstanceOf(VersionConflict);
    expect((conflict as VersionConflict).operation).toBe(1);
    expect(() => plannedBatch(loans, planTransaction(loans, [{ create: { member: "ada", id: "kept" } }]), items, Date.now())).toThrow(DocumentExists);
  });

  it("names the failed operation of a failed batch by the first status that is not 424, through the operations sent", () => {
    expect(failedOperation([{ statusCode: 201 }, { statusCode: 200 }], [0, 1])).toBeUndefined();
    expect(failedOperation([{ statusCode: 424 }, { statusCode: 412 }, { statusCode: 424 }], [0, 2, 3])).toEqual({ index: 2, status: 412 });
    expect(failedOperation([{ statusCode: 409 }, { statusCode: 424 }], [1, 2])).toEqual({ index: 1, status: 409 });
  });
});

describe("containers", () => {
  it("are refused for another key, naming the difference", () => {
    const existing = containerDefinitionOf(loans, "loans");
    expect(keyDifference(existing, loans)).toBeUndefined();
    const byHandle = collection<{ handle: string }>("loans", { key: ["handle"] });
    expect(keyDifference(existing, byHandle)).toBe('container "loans" is partitioned by member, but collection loans declares the partition field handle');
    const byDate = collection<{ member: string; date: string }>("loans", { key: ["member", "date"] });
    expect(keyDifference(existing, byDate)).toBe('container "loans" holds a key with the sort field id, but collection loans declares the sort field date');
    expect(keyDifference({ id: "loans", partitionKey: { paths: ["/id"] } }, loans)).toMatch(/partitioned by the path \/id/);
  });

  it("gain a missing index and TTL, keeping what they have", () => {
    // A container made before every collection had TTL on (for its tombstones).
    const { defaultTtl: _, ...bare } = containerDefinitionOf(collection<Loan>("loans", { key: ["member", "id"] }), "loans");
    const merged = mergedContainer(
      { ...bare, indexingPolicy: { ...bare.indexingPolicy, includedPaths: [...bare.indexingPolicy!.includedPaths!, { path: "/old/?" }] } },
      containerDefinitionOf(loans, "loans"),
    );
    expect(merged?.defaultTtl).toBe(-1);
    expect(merged?.indexingPolicy?.includedPaths?.map(({ path }) => path)).toEqual(
      expect.arrayContaining(["/old/?", "/i_by_book/?", "/o_by_book/?", "/exp/?"]),
    );
    expect(merged?.indexingPolicy?.compositeIndexes).toHaveLength(2);
    // Every collection's container: TTL on and the tombstone marker indexed, whether or not it declares an expiry.
    expect(bare.indexingPolicy?.includedPaths).toContainEqual({ path: '/"$deleted"/?' });
    expect(containerDefinitionOf(collection<Loan>("loans", { key: ["member", "id"] }), "loans").defaultTtl).toBe(-1);
    expect(mergedContainer(containerDefinitionOf(loans, "loans"), containerDefinitionOf(loans, "loans"))).toBeUndefined();
  });
});

describe("putMany rounds", () => {
  it("hold each key once, so that the last value of a repeated key is written last", () => {
    expect(upsertRounds(["a1", "b1", "a2", "a3", "c1"], (write) => write[0]!)).toEqual([["a1", "b1", "c1"], ["a2"], ["a3"]]);
  });
});
