import { describe, expect, it } from "vitest";
import { collection, ScannedChangeFeed, type CollectionDeclaration, type VersionedCollections } from "../src/index.js";

const orders = collection<{ id: string }>("orders", { key: ["id"] });
const lines = collection<{ order: string; line: string }>("lines", { key: ["order", "line"] });
const declared = new Map<string, CollectionDeclaration<unknown>>([
  [orders.name, orders as CollectionDeclaration<unknown>],
  [lines.name, lines as CollectionDeclaration<unknown>],
]);

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

const keysOf = (changes: { key: Readonly<Record<string, string>> }[]) => changes.map((change) => Object.values(change.key).join("/"));

describe("a change feed found by scanning versions", () => {
  it("hands on each document's latest write as an update until it is acknowledged, and a later write again", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store, declared);
    db.write("orders", "a", { id: "a", version: 1 });
    db.write("orders", "b", { id: "b", version: 1 });
    db.write("lines", "c/1", { order: "c", line: "1" });
    const first = await feed.pending("orders", 10);
    expect(first).toEqual([
      { id: "orders/a@1", type: "updated", key: { id: "a" }, version: "1", value: { id: "a", version: 1 } },
      { id: "orders/b@1", type: "updated", key: { id: "b" }, version: "1", value: { id: "b", version: 1 } },
    ]);
    await feed.acknowledge(["orders/a@1"]);
    expect(keysOf(await feed.pending("orders", 10))).toEqual(["b"]); // not acknowledged: handed on again
    await feed.acknowledge(["orders/b@1"]);
    expect(await feed.pending("orders", 10)).toEqual([]);
    db.write("orders", "a", { id: "a", version: 2 });
    expect(await feed.pending("orders", 10)).toMatchObject([{ id: "orders/a@2", value: { version: 2 } }]);
    // The key as the declaration's key fields, read from the document.
    expect(await feed.pending("lines", 10)).toMatchObject([{ key: { order: "c", line: "1" } }]);
  });

  it("hands on at most `limit` documents a read, the rest at the next", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store, declared);
    for (const key of ["a", "b", "c"]) db.write("orders", key, { id: key });
    const first = await feed.pending("orders", 2);
    expect(keysOf(first)).toEqual(["a", "b"]);
    await feed.acknowledge(first.map((change) => change.id));
    expect(keysOf(await feed.pending("orders", 2))).toEqual(["c"]);
  });

  it("acknowledges a version, not a key: a write between the read and the acknowledgement is still handed on", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store, declared);
    db.write("orders", "a", { id: "a", version: 1 });
    const [read] = await feed.pending("orders", 10);
    db.write("orders", "a", { id: "a", version: 2 });
    await feed.acknowledge([read!.id]);
    expect(await feed.pending("orders", 10)).toMatchObject([{ id: "orders/a@2" }]);
  });

  it("hands on a delete of a document it saw acknowledged and no longer lists, until that is acknowledged", async () => {
    const db = collections();
    const feed = new ScannedChangeFeed(db.store, declared);
    db.write("orders", "a", { id: "a" });
    db.write("orders", "b", { id: "b" });
    await feed.acknowledge((await feed.pending("orders", 10)).filter((change) => change.key.id === "a").map((change) => change.id));
    db.remove("orders", "a");
    db.remove("orders", "b"); // handed on, never acknowledged: nothing to say it existed
    const deleted = [{ id: "orders/a@1/deleted", type: "deleted", key: { id: "a" }, version: "1" }];
    expect(await feed.pending("orders", 10)).toEqual(deleted);
    expect(await feed.pending("orders", 10)).toEqual(deleted);
    await feed.acknowledge(["orders/a@1/deleted"]);
    expect(await feed.pending("orders", 10)).toEqual([]);
    db.write("orders", "a", { id: "a" }); // created again: a write again
    expect(await feed.pending("orders", 10)).toMatchObject([{ type: "updated", key: { id: "a" } }]);
  });

  it("after a restart hands every document on once more, and leaves out one deleted since it was listed", async () => {
    const db = collections();
    db.write("orders", "a", { id: "a" });
    const before = new ScannedChangeFeed(db.store, declared);
    await before.acknowledge((await before.pending("orders", 10)).map((change) => change.id));
    expect(keysOf(await new ScannedChangeFeed(db.store, declared).pending("orders", 10))).toEqual(["a"]);
    const listedThenDeleted: VersionedCollections = {
      versions: db.store.versions,
      read: (collection, keys) => {
        db.remove(collection, "a");
        return db.store.read(collection, keys);
      },
    };
    expect(await new ScannedChangeFeed(listedThenDeleted, declared).pending("orders", 10)).toEqual([]);
  });

  it("refuses a collection it was not given, naming the ones it was", async () => {
    const feed = new ScannedChangeFeed(collections().store, declared);
    await expect(feed.pending("shipments", 10)).rejects.toThrow(/no collection shipments in these documents \(orders, lines\)/);
  });
});
