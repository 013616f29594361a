import { fieldsOf, type CheckedDocument, type CollectionDeclaration, type DocumentKey, type Versioned } from "@skyport/core";
import { indexSortKey } from "./index-sort-key.js";
import { indexAttributes, ITEM_ATTRIBUTES } from "./item-attributes.js";

/** A collection's item as DynamoDB stores it (lib-dynamodb's plain form). */
export type StoredItem = Record<string, unknown>;

/** The table key of a document: its key fields, under their own names, with their raw values. */
export const tableKeyOf = (key: DocumentKey): StoredItem => ({ ...key });

/**
 * The item of a checked document: its key, its JSON text, its version, its expiry (exact, and in
 * seconds for the TTL), and the key attributes of each index it belongs to (it belongs to an index
 * only when it has all of the index's fields, so DynamoDB leaves it out of the others).
 */
export function itemOf(declaration: CollectionDeclaration<unknown>, document: CheckedDocument, version: string): StoredItem {
  const fields = JSON.parse(document.json) as Record<string, unknown>;
  const primaryKey = fieldsOf(declaration.key).map((field) => document.key[field]!);
  const item: StoredItem = { ...tableKeyOf(document.key), [ITEM_ATTRIBUTES.document]: document.json, [ITEM_ATTRIBUTES.version]: version };
  if (document.expiresAtMs !== undefined) {
    item[ITEM_ATTRIBUTES.expiresAt] = document.expiresAtMs;
    item[ITEM_ATTRIBUTES.ttl] = Math.ceil(document.expiresAtMs / 1000);
  }
  for (const [index, shape] of Object.entries(declaration.indexes)) {
    const partition = fields[shape.partition];
    const sort = shape.sort === undefined ? undefined : fields[shape.sort];
    if (typeof partition !== "string" || (shape.sort !== undefined && typeof sort !== "string")) continue;
    const names = indexAttributes(index, shape);
    item[names.partition] = partition;
    item[names.sort] = indexSortKey(sort as string | undefined, primaryKey);
  }
  return item;
}

/** What a call answers for a stored item: the document as written, and its version; no attribute of ours shows. */
export function versionedOf<T>(item: StoredItem): Versioned<T> {
  return { value: JSON.parse(item[ITEM_ATTRIBUTES.document] as string) as T, version: item[ITEM_ATTRIBUTES.version] as string };
}
