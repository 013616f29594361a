import type { Database } from "@azure/cosmos";
import {
  collectionLocation,
  STORED_FIELDS,
  systemClock,
  type Clock,
  type DeclaredCollections,
  type Env,
  type VersionedCollections,
  type VersionedDocument,
} from "@skyport/core";
import { liveValue, partitionAttribute, sortAttribute, type StoredItem } from "./documents/item.js";
import { sortValueOf } from "./documents/order-key.js";

/** What a scan lists of an item: enough to name its document and see its version. */
interface ListedItem {
  id: string;
  partition: string;
  sort?: string;
  version: string;
}

/**
 * The declared collections' containers as the local server's change feed reads them (core's
 * ScannedChangeFeed) on the Cosmos DB server, which serves no continued change feed: the versions
 * are the items' `$version`, listed by a query of a few attributes; the changed items are then read
 * by one query and handed on as their documents. An expired item, a tombstone, or one no collection
 * wrote, is not listed: a document whose item is gone or a tombstone is no longer listed, which the feed
 * hands on as its delete (a tombstone keeps the version deleted, so listing it would look unchanged).
 * A transaction's check rewrites an item with its version, so it is no change.
 */
export function scannedContainers(database: Database, env: Env, declared: DeclaredCollections, clock: Clock = systemClock): VersionedCollections {
  // The item id of each key listed last: ids repeat across partitions, keys do not.
  const listed = new Map<string, Map<string, string>>();
  const containerOf = (collection: string) => {
    const declaration = declared.get(collection);
    if (!declaration) throw new Error(`no collection ${collection} in these documents (${[...declared.keys()].join(", ")})`);
    return { declaration, container: database.container(collectionLocation(env, declaration)) };
  };
  // The document's key as core's feeds write it: its fields' values, joined by "/".
  const keyOf = ({ partition, sort }: { partition: string; sort?: string }) => (sort === undefined ? partition : `${partition}/${sortValueOf(sort)}`);

  return {
    async *versions(collection) {
      const { declaration, container } = containerOf(collection);
      const ids = new Map<string, string>();
      listed.set(collection, ids);
      const sort = declaration.key.sort === undefined ? "" : `, c.${sortAttribute(declaration.key)} AS sort`;
      const query = {
        query:
          `SELECT c.id, c.${partitionAttribute(declaration.key)} AS partition${sort}, c["${STORED_FIELDS.version}"] AS version FROM c ` +
          `WHERE IS_DEFINED(c["${STORED_FIELDS.version}"]) AND NOT IS_DEFINED(c["${STORED_FIELDS.deleted}"]) AND (NOT IS_DEFINED(c.exp) OR c.exp > @now)`,
        parameters: [{ name: "@now", value: clock.now().getTime() }],
      };
      for await (const { resources } of container.items.query<ListedItem>(query).getAsyncIterator()) {
        for (const item of resources) {
          const key = keyOf(item);
          ids.set(key, item.id);
          yield { key, version: item.version };
        }
      }
    },
    async read(collection, keys) {
      const { declaration, container } = containerOf(collection);
      const ids = [...new Set(keys.map((key) => listed.get(collection)?.get(key)).filter((id) => id !== undefined))];
      if (ids.length === 0) return [];
      const query = { query: "SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)", parameters: [{ name: "@ids", value: ids }] };
      const { resources } = await container.items.query<StoredItem & { _ts?: number }>(query).fetchAll();
      const wanted = new Set(keys);
      const found: VersionedDocument[] = [];
      for (const item of resources) {
        const sort = declaration.key.sort === undefined ? undefined : (item[sortAttribute(declaration.key)] as string);
        const key = keyOf({ partition: String(item[partitionAttribute(declaration.key)]), sort });
        const value = liveValue(declaration, item, clock.now().getTime());
        if (!wanted.has(key) || value === undefined) continue;
        found.push({
          key,
          version: item[STORED_FIELDS.version],
          document: value as Record<string, unknown>,
          ...(typeof item._ts === "number" && { committedAt: new Date(item._ts * 1000).toISOString() }),
        });
      }
      return found;
    },
  };
}
