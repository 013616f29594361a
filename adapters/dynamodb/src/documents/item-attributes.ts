import { STORED_FIELDS, type CollectionDeclaration } from "@skyport/core";

/**
 * The attributes a collection's items hold beside the key. `$` never starts a field name (core's
 * FIELD_NAME), so none of these can collide with a key field named after the document.
 */
export const ITEM_ATTRIBUTES = {
  /** S: the document's checked JSON text, returned as it was written (core's layout, which its change router reads from a stream image). */
  document: STORED_FIELDS.document,
  /** S: the opaque version, new on every write. */
  version: STORED_FIELDS.version,
  /** N, epoch ms: the exact expiry the conditions compare with. */
  expiresAt: "$expiresAt",
  /** N, epoch seconds rounded up: the table's TTL attribute, what DynamoDB deletes by. */
  ttl: "$ttl",
} as const;

/** A global secondary index's two key attributes, named after its index and fields so that a changed index shows in DescribeTable. */
export function indexAttributes(index: string, shape: CollectionDeclaration<unknown>["key"]): { partition: string; sort: string } {
  return { partition: `$${index}:${shape.partition}`, sort: shape.sort === undefined ? `$${index}:key` : `$${index}:${shape.sort}+key` };
}
