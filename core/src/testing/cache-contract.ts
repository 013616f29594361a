import { describe, expect, it } from "vitest";
import { cachedCollection } from "../cache/cached-collection.js";
import { collection as declareCollection } from "../collections/declaration.js";
import { memoryDocuments } from "../collections/memory-documents.js";
import type { Cache } from "../ports/cache.js";
import { heldCollection } from "./held-collection.js";
import { uniqueKey } from "./unique-key.js";

/** A cache to test: `client()` opens another client of the same cache, as another instance of the service would. */
export interface CacheUnderTest {
  client(): Cache;
}

/** A document of any app's own, with an expiry: what `cachedCollection` reads through a cache. */
interface Memo {
  id: string;
  text: string;
  expiresAt?: string;
}
const memos = declareCollection<Memo>("cached-memos", { key: ["id"], expiresAt: "expiresAt" });

/**
 * What every Cache keeps (the port's rules), and what `cachedCollection` on it keeps: a read after a
 * write never sees the document before it, on this instance or another, whatever a slow reader does.
 */
export function cacheContract(name: string, target: CacheUnderTest): void {
  describe(`${name}: the cache port`, () => {
    const key = () => `skyport:test:${uniqueKey("key")}`;

    it("gives back what was set, nothing for a key never set, and nothing after a delete", async () => {
      const cache = target.client();
      const k = key();
      expect(await cache.get(k)).toBeUndefined();
      await cache.set(k, "one", { ttlSeconds: 60 });
      expect(await cache.get(k)).toBe("one");
      await cache.set(k, "", { ttlSeconds: 60 });
      expect(await cache.get(k)).toBe("");
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
    });

    it("keeps a ranked entry against a lower rank, and lets an equal or higher rank or an unranked set replace it", async () => {
      const cache = target.client();
      const k = key();
      await cache.set(k, "v2", { ttlSeconds: 60, rank: "0002" });
      await cache.set(k, "v1", { ttlSeconds: 60, rank: "0001" });
      expect(await cache.get(k)).toBe("v2");
      await cache.set(k, "v2 again", { ttlSeconds: 60, rank: "0002" });
      expect(await cache.get(k)).toBe("v2 again");
      await cache.set(k, "v10", { ttlSeconds: 60, rank: "0010" });
      expect(await cache.get(k)).toBe("v10");
      await cache.set(k, "plain", { ttlSeconds: 60 });
      expect(await cache.get(k)).toBe("plain");
      await cache.set(k, "v1", { ttlSeconds: 60, rank: "0001" });
      expect(await cache.get(k)).toBe("v1");
    });

    it("sets an entry only where none is when asked (a reader's fill), whatever its rank", async () => {
      const cache = target.client();
      const k = key();
      await cache.set(k, "filled", { ttlSeconds: 60, ifAbsent: true });
      expect(await cache.get(k)).toBe("filled");
      await cache.set(k, "written", { ttlSeconds: 60 });
      await cache.set(k, "late fill", { ttlSeconds: 60, ifAbsent: true, rank: "9999" });
      expect(await cache.get(k)).toBe("written");
    });

    it("shares entries between clients", async () => {
      const k = key();
      await target.client().set(k, "from one", { ttlSeconds: 60 });
      expect(await target.client().get(k)).toBe("from one");
    });

    it("forgets an entry once its time to live has passed", async () => {
      const cache = target.client();
      const k = key();
      await cache.set(k, "brief", { ttlSeconds: 1 });
      await expect.poll(() => cache.get(k), { timeout: 5_000, interval: 100 }).toBeUndefined();
    });
  });

  describe(`${name}: an app's documents read through it (cachedCollection)`, () => {
    /** Two instances of the app on one collection and one cache: a reads through its own client, b writes through another. */
    const instances = () => {
      const stored = memoryDocuments().collection(memos);
      const counted = heldCollection(stored);
      return {
        ...counted,
        stored,
        a: cachedCollection(counted.held, target.client(), { ttlSeconds: 60 }),
        b: cachedCollection(stored, target.client(), { ttlSeconds: 60 }),
      };
    };
    const memo = (text: string, fields: Partial<Memo> = {}): Memo => ({ id: uniqueKey("memo"), text, ...fields });

    it("answers a GET after a write from the cache, with the version the write made, without a store read", async () => {
      const { a, b, reads } = instances();
      const made = await b.create(memo("one"));
      expect(await a.get({ id: made.value.id })).toEqual(made);
      expect(await a.get({ id: made.value.id })).toEqual(made);
      expect(reads()).toBe(0);
    });

    it("never answers a read after a write on another instance with the document before it: put, delete, made again", async () => {
      const { a, b } = instances();
      const made = await b.create(memo("v1"));
      const key = { id: made.value.id };
      expect(await a.get(key)).toEqual(made);
      const replaced = await b.put({ ...made.value, text: "v2" }, { ifVersion: made.version });
      expect(await a.get(key)).toEqual(replaced);
      await b.delete(key);
      expect(await a.get(key)).toBeUndefined();
      const again = await b.create({ ...made.value, text: "v3" });
      expect(await a.get(key)).toEqual(again);
      const [, batch] = [await b.transact([{ put: { ...made.value, text: "v4" } }]), await b.get(key)];
      expect(await a.get(key)).toEqual(batch);
      await b.putMany([{ ...made.value, text: "v5" }]);
      expect((await a.get(key))?.value.text).toBe("v5");
    });

    it("keeps a slow reader from putting back the document a write replaced meanwhile, or one deleted meanwhile", async () => {
      const { a, b, holdNextRead } = instances();
      const made = await b.create(memo("before"));
      const key = { id: made.value.id };
      await target.client().delete(`skyport:${memos.name}:${JSON.stringify([key.id])}`); // expired, say: the next GET reads the store
      let release = holdNextRead();
      let slow = a.get(key);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the slow read has read the document before the write
      const replaced = await b.put({ ...made.value, text: "after" });
      release();
      expect(await slow).toEqual(made);
      expect(await a.get(key)).toEqual(replaced);
      await target.client().delete(`skyport:${memos.name}:${JSON.stringify([key.id])}`);
      release = holdNextRead();
      slow = a.get(key);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await b.delete(key);
      release();
      await slow;
      expect(await a.get(key)).toBeUndefined();
    });

    it("keeps no entry past its document's expiry, and a write refused by its condition changes nothing", async () => {
      const { a, b, stored } = instances();
      const soon = await b.create(memo("soon", { expiresAt: new Date(Date.now() + 1_500).toISOString() }));
      expect(await a.get({ id: soon.value.id })).toEqual(soon);
      await expect.poll(() => a.get({ id: soon.value.id }), { timeout: 5_000, interval: 100 }).toBeUndefined();
      const past = await b.create(memo("past", { expiresAt: "2020-01-01T00:00:00Z" }));
      expect(await a.get({ id: past.value.id })).toBeUndefined();
      const made = await b.create(memo("kept"));
      await expect(b.put({ ...made.value, text: "refused" }, { ifVersion: "not-its-version" })).rejects.toThrow();
      expect(await a.get({ id: made.value.id })).toEqual(made);
      expect(await stored.get({ id: made.value.id })).toEqual(made);
    });

    it("makes one store read for concurrent misses of one document, and answers a key never written as absent", async () => {
      const { a, b, reads } = instances();
      const made = await b.create(memo("wanted"));
      await target.client().delete(`skyport:${memos.name}:${JSON.stringify([made.value.id])}`);
      const answers = await Promise.all(Array.from({ length: 20 }, () => a.get({ id: made.value.id })));
      expect(answers).toEqual(Array.from({ length: 20 }, () => made));
      expect(reads()).toBe(1);
      expect(await a.get({ id: uniqueKey("none") })).toBeUndefined();
    });
  });
}
