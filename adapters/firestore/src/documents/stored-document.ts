import { FieldValue, Timestamp, type DocumentData, type DocumentSnapshot } from "@google-cloud/firestore";
import { fieldsOf, isExpired, STORED_FIELDS, type CheckedDocument, type CollectionDeclaration, type Versioned } from "@skyport/core";

/**
 * The fields of a stored document. The value is kept as its checked JSON text, since Firestore
 * cannot hold nested arrays and has number types of its own; beside it, the fields queries read.
 */
export const DOCUMENT_FIELDS = {
  /** The value's JSON, exactly as core checked it: `$document`, where every store keeps it (core's STORED_FIELDS), for the change feeds. */
  json: STORED_FIELDS.document,
  /** The opaque version, new on every write: `$version`, likewise. */
  version: STORED_FIELDS.version,
  /** The expiry as a Timestamp: the field a TTL policy deletes by. */
  expiresAt: "expiresAt",
} as const;

/** Where a key or index field's value is kept for queries: prefixed, so that no declared name can clash or be reserved (__x__). */
export const keyField = (field: string) => `k_${field}`;

/** Every field that the key or an index of the declaration reads, each once. */
export function keyedFields(declaration: CollectionDeclaration<unknown>): string[] {
  return [...new Set([declaration.key, ...Object.values(declaration.indexes)].flatMap(fieldsOf))];
}

/** What is written for a checked value: its JSON, its version, its key and index fields, its expiry. */
export function storedDocument(declaration: CollectionDeclaration<unknown>, document: CheckedDocument, value: unknown, version: string): DocumentData {
  const data: DocumentData = { [DOCUMENT_FIELDS.json]: document.json, [DOCUMENT_FIELDS.version]: version };
  for (const field of keyedFields(declaration)) {
    const held = (value as Record<string, unknown>)[field];
    if (typeof held === "string") data[keyField(field)] = held;
  }
  if (document.expiresAtMs !== undefined) data[DOCUMENT_FIELDS.expiresAt] = Timestamp.fromMillis(document.expiresAtMs);
  return data;
}

/** The same as an update(): update() keeps fields it is not given, so the ones this value lacks are deleted. */
export function replacement(declaration: CollectionDeclaration<unknown>, data: DocumentData): DocumentData {
  const cleared: DocumentData = { ...data };
  for (const field of [...keyedFields(declaration).map(keyField), DOCUMENT_FIELDS.expiresAt]) {
    if (!(field in cleared)) cleared[field] = FieldValue.delete();
  }
  return cleared;
}

/** A stored document as the port answers it, or undefined when it is absent or past its expiry. */
export function liveDocument<T>(declaration: CollectionDeclaration<T>, snapshot: DocumentSnapshot, nowMs = Date.now()): Versioned<T> | undefined {
  if (!snapshot.exists) return undefined;
  const value = JSON.parse(snapshot.get(DOCUMENT_FIELDS.json) as string) as T;
  if (isExpired(declaration, value, nowMs)) return undefined;
  return { value, version: snapshot.get(DOCUMENT_FIELDS.version) as string };
}

/** About what a stored document weighs in a commit request: its field names and strings (Firestore's own sizes are close to this). */
export function storedBytes(data: DocumentData): number {
  let bytes = 32;
  for (const [field, held] of Object.entries(data)) bytes += field.length + 1 + (typeof held === "string" ? Buffer.byteLength(held, "utf8") + 1 : 16);
  return bytes;
}
