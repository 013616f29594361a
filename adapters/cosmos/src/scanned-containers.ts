import type { Database } from "@azure/cosmos";
import type { VersionedCollections, VersionedDocument } from "@skyport/core";

/** The system properties Cosmos DB adds to every document; a change carries the document's own fields. */
const SYSTEM_PROPERTIES = new Set(["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"]);

/**
 * Cosmos DB containers as the local server's change feed reads them (core's ScannedChangeFeed):
 * the versions are the documents' etags, listed by a query of `id` and `_etag` only; the changed
 * ones are then read by one query. A collection of the app is the container of that name.
 */
export function scannedContainers(database: Database): VersionedCollections {
  return {
    async *versions(collection) {
      const query = database.container(collection).items.query<{ id: string; _etag: string }>("SELECT c.id, c._etag FROM c");
      for await (const { resources } of query.getAsyncIterator()) for (const { id, _etag } of resources) yield { key: id, version: _etag };
    },
    async read(collection, keys) {
      if (keys.length === 0) return [];
      const query = { query: "SELECT * FROM c WHERE ARRAY_CONTAINS(@keys, c.id)", parameters: [{ name: "@keys", value: [...keys] }] };
      const { resources } = await database.container(collection).items.query<Record<string, unknown>>(query).fetchAll();
      return resources.map(
        (item): VersionedDocument => ({
          key: String(item.id),
          version: String(item._etag),
          document: Object.fromEntries(Object.entries(item).filter(([name]) => !SYSTEM_PROPERTIES.has(name))),
          ...(typeof item._ts === "number" && { committedAt: new Date(item._ts * 1000).toISOString() }),
        }),
      );
    },
  };
}
