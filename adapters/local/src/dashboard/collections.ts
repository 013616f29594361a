import { InvalidCursor, type CollectionDeclaration } from "@skyport/core";
import type { LocalRuntime } from "./local-runtime.js";
import { badInput, notFound } from "./problem.js";

/** The app's declared collections: their keys and indexes, by which the dashboard browses them. */
export function collectionViews(runtime: LocalRuntime) {
  return Object.values(runtime.app.collections).map(({ name, key, indexes }) => ({ name, key, indexes }));
}

/** One page of a partition of a collection (of its primary key, or of an index), each document with its version. */
export async function browse(runtime: LocalRuntime, name: string, query: URLSearchParams) {
  const declaration = Object.values(runtime.app.collections).find((collection) => collection.name === name) as CollectionDeclaration | undefined;
  if (!declaration || !runtime.documents) throw notFound(`${runtime.app.name} has no collection ${JSON.stringify(name)}`);
  const index = query.get("index") || undefined;
  const shape = index === undefined ? declaration.key : declaration.indexes[index];
  if (!shape) throw badInput(`${name} has no index ${JSON.stringify(index)}`);
  const partition = query.get("partition");
  if (!partition) throw badInput(`"partition" is the value of ${shape.partition}, the partition field`);
  const cursor = query.get("cursor") || undefined;
  return runtime.documents
    .collection(declaration)
    .query({ where: { [shape.partition]: partition }, index, cursor, limit: 50 })
    .catch((error: unknown) => {
      if (error instanceof InvalidCursor) throw badInput('"cursor" is not one of this partition\'s pages');
      throw error;
    });
}
