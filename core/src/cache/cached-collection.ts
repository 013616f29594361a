import type { Collection, DocumentKey, Versioned } from "../collections/collection.js";
import { expiresAtOf } from "../collections/rules.js";
import type { Cache } from "../ports/cache.js";
import { type Clock, systemClock } from "../ports/clock.js";
import { DocumentExists, VersionConflict } from "../ports/errors.js";
import { singleFlight } from "./single-flight.js";

/** The entry of a key the store does not hold (deleted, expired, never made): read as absent until it expires or a write replaces it. */
const ABSENT = "";

/**
 * A collection whose `get` reads through `cache` (cache-aside, entries of `ttlSeconds`), kept
 * right by its own writes: each create, put, delete, transaction or batch puts what it wrote (or an
 * absent marker) in the cache before it answers, and a write whose outcome is unknown drops the
 * entry. A reader fills a miss only where no entry is (`ifAbsent`): versions are not ordered, so
 * a reader that read the store before a write cannot put the older document back over the
 * entry that write set. What remains: a write the cache missed (it was down) or two writers of
 * one document whose cache calls cross can leave a stale entry for at most the TTL. No entry
 * outlives its document's `expiresAt`. Concurrent misses of one key make one store read.
 * Give it a bounded cache (`watchedCache`): the cache is then never a request's failure.
 */
export function cachedCollection<T>(
  collection: Collection<T>,
  cache: Cache,
  { ttlSeconds, clock = systemClock }: { ttlSeconds: number; clock?: Clock },
): Collection<T> {
  const { declaration } = collection;
  const keyOf = (key: DocumentKey): string => {
    const { partition, sort } = declaration.key;
    return `skyport:${declaration.name}:${JSON.stringify(sort === undefined ? [key[partition]] : [key[partition], key[sort]])}`;
  };
  const keyOfValue = (value: T): string => keyOf(value as DocumentKey);
  const loading = singleFlight<Versioned<T> | undefined>();
  // A write forgets the load in flight: a read that starts after the write must not join one that started before it.
  const forget = (key: string) => loading.forget(key);
  /** Whole seconds the entry of `value` may live: the TTL, or less where the document expires sooner (0: not cached). */
  const lifetime = (value: T): number => {
    const expiresAt = expiresAtOf(declaration, value);
    if (expiresAt === undefined) return ttlSeconds;
    return Math.min(ttlSeconds, Math.floor((expiresAt - clock.now().getTime()) / 1000));
  };
  const entryOf = (stored: Versioned<T>) => JSON.stringify({ value: stored.value, version: stored.version });
  const written = async (stored: Versioned<T>): Promise<void> => {
    const key = keyOfValue(stored.value);
    forget(key);
    const seconds = lifetime(stored.value);
    await (seconds >= 1 ? cache.set(key, entryOf(stored), { ttlSeconds: seconds }) : cache.delete(key));
  };
  const gone = async (key: string): Promise<void> => {
    forget(key);
    await cache.set(key, ABSENT, { ttlSeconds });
  };
  const unsure = async (key: string): Promise<void> => {
    forget(key);
    await cache.delete(key);
  };
  /** A write refused by its condition changed nothing; any other failure may have written: its entry goes. */
  const afterFailure = async (error: unknown, keys: string[]): Promise<never> => {
    if (!(error instanceof VersionConflict || error instanceof DocumentExists)) await Promise.all(keys.map(unsure));
    throw error;
  };
  const fill = async (key: string, documentKey: DocumentKey): Promise<Versioned<T> | undefined> => {
    const stored = await collection.get(documentKey);
    const seconds = stored ? lifetime(stored.value) : ttlSeconds;
    if (seconds >= 1) await cache.set(key, stored ? entryOf(stored) : ABSENT, { ttlSeconds: seconds, ifAbsent: true });
    return stored;
  };
  return {
    declaration,
    async get(documentKey) {
      const key = keyOf(documentKey);
      const cached = await cache.get(key);
      if (cached !== undefined) return cached === ABSENT ? undefined : (JSON.parse(cached) as Versioned<T>);
      return loading.run(key, () => fill(key, documentKey));
    },
    async create(value) {
      const stored = await collection.create(value).catch((error: unknown) => afterFailure(error, [keyOfValue(value)]));
      await written(stored);
      return stored;
    },
    async put(value, condition) {
      const stored = await collection.put(value, condition).catch((error: unknown) => afterFailure(error, [keyOfValue(value)]));
      await written(stored);
      return stored;
    },
    async delete(documentKey, condition) {
      const deleted = await collection.delete(documentKey, condition).catch((error: unknown) => afterFailure(error, [keyOf(documentKey)]));
      await gone(keyOf(documentKey));
      return deleted;
    },
    query: (query) => collection.query(query),
    async transact(operations) {
      const keys = operations.map((operation) =>
        "create" in operation
          ? keyOfValue(operation.create)
          : "put" in operation
            ? keyOfValue(operation.put)
            : keyOf("delete" in operation ? operation.delete : operation.check),
      );
      const results = await collection.transact(operations).catch((error: unknown) => afterFailure(error, keys));
      await Promise.all(
        operations.map((operation, index) => {
          const result = results[index] as { version?: string };
          if ("create" in operation) return written({ value: operation.create, version: result.version! });
          if ("put" in operation) return written({ value: operation.put, version: result.version! });
          return "delete" in operation ? gone(keys[index]!) : undefined;
        }),
      );
      return results;
    },
    async putMany(values) {
      const outcomes = await collection.putMany(values).catch((error: unknown) => afterFailure(error, values.map(keyOfValue)));
      await Promise.all(
        outcomes.map((outcome, index) =>
          "version" in outcome ? written({ value: values[index]!, version: outcome.version }) : unsure(keyOfValue(values[index]!)),
        ),
      );
      return outcomes;
    },
  };
}
