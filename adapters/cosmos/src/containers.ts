import { IndexingMode, PartitionKeyDefinitionVersion, PartitionKeyKind, type ContainerDefinition } from "@azure/cosmos";

/**
 * Orders, partitioned by /id: every read and write by id is a point operation. The customer
 * list is a cross-partition query served by the first composite index (see the README).
 */
export const ORDERS_CONTAINER: ContainerDefinition & { id: string } = {
  id: "orders",
  partitionKey: { paths: ["/id"], kind: PartitionKeyKind.Hash, version: PartitionKeyDefinitionVersion.V2 },
  indexingPolicy: {
    indexingMode: IndexingMode.consistent,
    automatic: true,
    // Only what the two list queries filter on; items, totals and the rest cost no index writes.
    includedPaths: [{ path: "/customerId/?" }, { path: "/status/?" }, { path: "/createdAt/?" }],
    excludedPaths: [{ path: "/*" }],
    compositeIndexes: [
      [
        { path: "/customerId", order: "ascending" },
        { path: "/createdAt", order: "descending" },
        { path: "/id", order: "descending" },
      ],
      [
        { path: "/status", order: "ascending" },
        { path: "/createdAt", order: "ascending" },
        { path: "/id", order: "ascending" },
      ],
    ],
  },
};

/** Idempotency records: point operations only, so nothing is indexed; TTL on, per item. */
export const IDEMPOTENCY_CONTAINER: ContainerDefinition & { id: string } = {
  id: "idempotency",
  partitionKey: { paths: ["/id"], kind: PartitionKeyKind.Hash, version: PartitionKeyDefinitionVersion.V2 },
  indexingPolicy: {
    indexingMode: IndexingMode.consistent,
    automatic: true,
    includedPaths: [],
    excludedPaths: [{ path: "/*" }],
  },
  // -1: TTL is on but nothing expires by default; each record carries its own `ttl`.
  defaultTtl: -1,
};
