import type { ContainerDefinition } from "@azure/cosmos";

/**
 * An existing container with what `wanted` adds: included paths, composite indexes, TTL switched on.
 * Nothing is taken away (another deployment may still query it); undefined when nothing is missing.
 */
export function mergedContainer(existing: ContainerDefinition, wanted: ContainerDefinition): ContainerDefinition | undefined {
  const policy = existing.indexingPolicy ?? {};
  const included = [...(policy.includedPaths ?? [])];
  for (const path of wanted.indexingPolicy?.includedPaths ?? []) if (!included.some((have) => have.path === path.path)) included.push(path);
  const composites = [...(policy.compositeIndexes ?? [])];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const composite of wanted.indexingPolicy?.compositeIndexes ?? []) if (!composites.some((have) => same(have, composite))) composites.push(composite);
  const ttlMissing = wanted.defaultTtl !== undefined && existing.defaultTtl === undefined;
  if (included.length === (policy.includedPaths ?? []).length && composites.length === (policy.compositeIndexes ?? []).length && !ttlMissing) return undefined;
  return {
    id: existing.id,
    partitionKey: existing.partitionKey,
    indexingPolicy: { ...policy, includedPaths: included, ...(composites.length > 0 && { compositeIndexes: composites }) },
    ...(existing.defaultTtl !== undefined || ttlMissing ? { defaultTtl: existing.defaultTtl ?? wanted.defaultTtl } : {}),
  };
}
