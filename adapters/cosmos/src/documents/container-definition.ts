import { IndexingMode, PartitionKeyDefinitionVersion, PartitionKeyKind, type ContainerDefinition, type IndexingPolicy } from "@azure/cosmos";
import { STORED_FIELDS, type CollectionDeclaration } from "@skyport/core";
import { indexOrderAttribute, indexPartitionAttribute, partitionAttribute, sortAttribute } from "./item.js";

/**
 * What a collection's queries need indexed, and nothing else (the document's JSON is never indexed):
 * for the Bicep template as for `ensure`. An index query filters on its partition and orders by its
 * order key, so each has a composite index in both directions (the local server accepts only an
 * exact match; the service would also serve the reverse of one).
 */
export function indexingPolicyOf(declaration: CollectionDeclaration<unknown>): IndexingPolicy {
  const paths = [partitionAttribute(declaration.key)];
  if (declaration.key.sort !== undefined) paths.push(sortAttribute(declaration.key));
  if (declaration.expiresAt !== undefined) paths.push("exp");
  const compositeIndexes: IndexingPolicy["compositeIndexes"] = [];
  for (const index of Object.keys(declaration.indexes)) {
    const [partition, order] = [indexPartitionAttribute(index), indexOrderAttribute(index)];
    paths.push(partition, order);
    for (const direction of ["ascending", "descending"] as const) {
      compositeIndexes.push([
        { path: `/${partition}`, order: direction },
        { path: `/${order}`, order: direction },
      ]);
    }
  }
  // The tombstone marker (quoted, for its `$`): every query leaves tombstones out by it.
  paths.push(`"${STORED_FIELDS.deleted}"`);
  return {
    indexingMode: IndexingMode.consistent,
    automatic: true,
    includedPaths: paths.map((path) => ({ path: `/${path}/?` })),
    excludedPaths: [{ path: "/*" }],
    ...(compositeIndexes.length > 0 && { compositeIndexes }),
  };
}

/** The container a collection lives in: partitioned by its partition field's attribute, TTL on per item (tombstones, and expiring documents). */
export function containerDefinitionOf(declaration: CollectionDeclaration<unknown>, location: string): ContainerDefinition & { id: string } {
  return {
    id: location,
    partitionKey: { paths: [`/${partitionAttribute(declaration.key)}`], kind: PartitionKeyKind.Hash, version: PartitionKeyDefinitionVersion.V2 },
    indexingPolicy: indexingPolicyOf(declaration),
    // -1: TTL on, nothing expires by default; a tombstone, or an item with an expiry, carries its own `ttl`.
    defaultTtl: -1,
  };
}
