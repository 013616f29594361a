/**
 * Where every store keeps a document's checked JSON text and its version, beside the attributes its
 * queries read: so that a change feed's raw record (a DynamoDB stream image, a Firestore event's
 * fields, a Cosmos DB change) reads back as the same document on every cloud, in core, once.
 */
export const STORED_FIELDS = {
  document: "$document",
  version: "$version",
  /** `true` on a deleted document's marker (a tombstone, where a store's feed carries no deletes): `$document` and `$version` are the deleted ones. */
  deleted: "$deleted",
} as const;

/** The document and version a store's raw record holds, or undefined for a record that is not a collection's document. */
export function storedDocumentOf(raw: Record<string, unknown> | undefined): { value: Record<string, unknown>; version: string } | undefined {
  const text = raw?.[STORED_FIELDS.document];
  const version = raw?.[STORED_FIELDS.version];
  if (typeof text !== "string" || typeof version !== "string") return undefined;
  return { value: JSON.parse(text) as Record<string, unknown>, version };
}
