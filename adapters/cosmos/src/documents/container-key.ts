import type { ContainerDefinition } from "@azure/cosmos";
import type { CollectionDeclaration } from "@skyport/core";
import { containerDefinitionOf } from "./container-definition.js";

/** A container that exists with another key than its collection declares: its documents cannot be read by this declaration. */
export class ContainerKeyMismatch extends Error {
  override name = "ContainerKeyMismatch";
}

const SORT_PATH = /^\/s_([A-Za-z0-9_]+)\/\?$/;

/** The key an existing container was made for, as far as it shows: its partition key path and its sort attribute's index. */
function keyShown(container: ContainerDefinition): { partition: string; sort?: string } {
  const path = container.partitionKey?.paths?.join(", ") ?? "(none)";
  const partition = /^\/p_([A-Za-z0-9_]+)$/.exec(path)?.[1] ?? `the path ${path}`;
  const sort = (container.indexingPolicy?.includedPaths ?? []).map(({ path: included }) => SORT_PATH.exec(included)?.[1]).find((field) => field !== undefined);
  return sort === undefined ? { partition } : { partition, sort };
}

/** Why `existing` cannot hold `declaration`, or undefined if its key is the declared one. */
export function keyDifference(existing: ContainerDefinition, declaration: CollectionDeclaration<unknown>): string | undefined {
  const wanted = containerDefinitionOf(declaration, existing.id ?? declaration.name);
  const shown = keyShown(existing);
  const name = `container ${JSON.stringify(existing.id)}`;
  if (JSON.stringify(existing.partitionKey?.paths) !== JSON.stringify(wanted.partitionKey?.paths)) {
    return `${name} is partitioned by ${shown.partition}, but collection ${declaration.name} declares the partition field ${declaration.key.partition}`;
  }
  if (shown.sort !== declaration.key.sort) {
    const had = shown.sort === undefined ? "no sort field" : `the sort field ${shown.sort}`;
    const declared = declaration.key.sort === undefined ? "none" : declaration.key.sort;
    return `${name} holds a key with ${had}, but collection ${declaration.name} declares the sort field ${declared}`;
  }
  return undefined;
}
