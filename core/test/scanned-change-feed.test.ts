import { describe, expect, it } from "vitest";
import { ScannedChangeFeed, type VersionedCollections } from "../src/index.js";

/** Collections kept in maps: each write bumps the document's version, as an etag or update time would. */
function collections() {
  const data = new Map<string, Map<string, { version: number; document: Record<string, unknown> }>>();
  const of = (collection: string) => data.get(collection) ?? data.set(collection, new Map()).get(collection)!;
  const store: VersionedCollections = {
    async *versions(collection) {
      for (const [key, { version }] of of(collection)) yield { key, version: String(version) };
    },
    async read(collection, keys) {
      return keys.flatMap((key) => {
        const found = of(collection).get(key);
        return found ? [{ key, version: String(found.version), document: structuredClone(found.document) }] : [];
      });
    },
  };
  return {
    store,
    write(collection: string, key: string, document: Record<string, unknown>) {
      of(collection).set(key, { version: (of(collection).get(key)?.version ?? 0) + 1, document });
    },
    remove: (collection: string, key: string) => of(collection).delete(key),
  };
}

const keysOf = (changes: { key: string }[]) => changes.map((change) => change.key);

describe("a change feed found by scanning versions", () => {
  it("hands on each document's latest write until it is acknowledged, and a later write again", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store);
    db.write("orders", "a", { id: "a", version: 1 });
    db.write("orders", "b", { id: "b", version: 1 });
    db.write("other", "c", { id: "c" });
    const first = await feed.pending("orders", 10);
    expect(first).toEqual([
      { id: "orders/a@1", key: "a", operation: "write", document: { id: "a", version: 1 } },
      { id: "orders/b@1", key: "b", operation: "write", document: { id: "b", version: 1 } },
    ]);
    await feed.acknowledge(["orders/a@1"]);
    expect(keysOf(await feed.pending("orders", 10))).toEqual(["b"]); // not acknowledged: handed on again
    await feed.acknowledge(["orders/b@1"]);
    expect(await feed.pending("orders", 10)).toEqual([]);
    db.write("orders", "a", { id: "a", version: 2 });
    expect(await feed.pending("orders", 10)).toMatchObject([{ id: "orders/a@2", document: { version: 2 } }]);
    expect(keysOf(await feed.pending("other", 10))).toEqual(["c"]);
  });

  it("hands on at most `limit` documents a read, the rest at the next", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store);
    for (const key of ["a", "b", "c"]) db.write("orders", key, { id: key });
    const first = await feed.pending("orders", 2);
    expect(keysOf(first)).toEqual(["a", "b"]);
    await feed.acknowledge(first.map((change) => change.id));
    expect(keysOf(await feed.pending("orders", 2))).toEqual(["c"]);
  });

  it("acknowledges a version, not a key: a write between the read and the acknowledgement is still handed on", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store);
    db.write("orders", "a", { id: "a", version: 1 });
    const [read] = await feed.pending("orders", 10);
    db.write("orders", "a", { id: "a", version: 2 });
    await feed.acknowledge([read!.id]);
    expect(await feed.pending("orders", 10)).toMatchObject([{ id: "orders/a@2" }]);
  });

  it("after a restart hands every document on once more, and leaves out one deleted since it was listed", async () => {
    const db = collections();
    db.write("orders", "a", { id: "a" });
    const before = new ScannedChangeFeed(db.store);
    await before.acknowledge((await before.pending("orders", 10)).map((change) => change.id));
    expect(keysOf(await new ScannedChangeFeed(db.store).pending("orders", 10))).toEqual(["a"]);
    const listedThenDeleted: VersionedCollections = {
      versions: db.store.versions,
      read: (collection, keys) => {
        db.remove(collection, "a");
        return db.store.read(collection, keys);
      },
    };
    expect(await new ScannedChangeFeed(listedThenDeleted).pending("orders", 10)).toEqual([]);
  });
});
