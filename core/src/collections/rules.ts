import { randomBytesFromPool } from "../ports/entropy.js";
import { DocumentTooLarge, InvalidDocument } from "../ports/errors.js";
import type { DocumentKey } from "./collection.js";
import type { CollectionDeclaration, KeyShape } from "./declaration.js";

/** The portable size limit: a document's UTF-8 JSON, on every store (DynamoDB's item limit is 400 KB). */
export const MAX_DOCUMENT_BYTES = 350_000;
/** The longest value of one key or index field, in UTF-8 bytes: it fits DynamoDB's sort key (1024 B) and every store's ids once encoded. */
export const MAX_KEY_BYTES = 1024;

const LONE_SURROGATE = /\p{Surrogate}/u;
const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** An ISO 8601 date-time with an offset: what `expiresAt` holds. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A document checked against its declaration: what every store writes. */
export interface CheckedDocument {
  key: DocumentKey;
  /** Its UTF-8 JSON, as stores that keep text write it. */
  json: string;
  /** When it expires (epoch ms), where the collection declares an expiry and the document has one. */
  expiresAtMs?: number;
}

/** Code point order (UTF-8 byte order) on every store: JavaScript's `<` compares UTF-16 code units, which differs past U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function checkKeyValue(field: string, value: unknown, key?: DocumentKey): string {
  if (typeof value !== "string" || value === "") throw new InvalidDocument(`key field ${field} must be a non-empty string`, key);
  // A lone surrogate has no UTF-8 form: every store would hold it as U+FFFD, and two keys would be one.
  if (LONE_SURROGATE.test(value)) throw new InvalidDocument(`key field ${field} holds a lone surrogate, which has no UTF-8 form`, key);
  if (utf8Bytes(value) > MAX_KEY_BYTES) throw new InvalidDocument(`key field ${field} is over ${MAX_KEY_BYTES} bytes of UTF-8`, key);
  return value;
}

/** The key fields of `shape` in order: the partition field, then the sort field where there is one. */
export const fieldsOf = (shape: KeyShape): string[] => (shape.sort === undefined ? [shape.partition] : [shape.partition, shape.sort]);

/** A key given to get, delete or check: exactly the key fields, each a non-empty string within the limit. */
export function checkKey(declaration: CollectionDeclaration<unknown>, key: unknown): DocumentKey {
  if (key === null || typeof key !== "object" || Array.isArray(key)) throw new InvalidDocument("a key is an object of the key fields");
  const fields = fieldsOf(declaration.key);
  const given = Object.keys(key);
  const extra = given.find((field) => !fields.includes(field));
  if (extra !== undefined) throw new InvalidDocument(`${extra} is not a key field of ${declaration.name} (${fields.join(", ")})`);
  const checked: Record<string, string> = {};
  for (const field of fields) checked[field] = checkKeyValue(field, (key as Record<string, unknown>)[field]);
  return checked;
}

/** The key of a value, unchecked beyond its fields being strings: for values read back from a store. */
export function keyOf(declaration: CollectionDeclaration<unknown>, value: unknown): DocumentKey {
  const key: Record<string, string> = {};
  for (const field of fieldsOf(declaration.key)) key[field] = (value as Record<string, string>)[field]!;
  return key;
}

/**
 * A value about to be written: a JSON object whose key fields are non-empty strings within the limit,
 * whose index fields are strings where present, whose expiry is a date-time with an offset, and whose
 * JSON is within the size limit. Anything else is refused before the store is called.
 */
export function checkDocument(declaration: CollectionDeclaration<unknown>, value: unknown): CheckedDocument {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new InvalidDocument("a document is a JSON object");
  const fields = value as Record<string, unknown>;
  const key: Record<string, string> = {};
  for (const field of fieldsOf(declaration.key)) key[field] = checkKeyValue(field, fields[field]);
  for (const [index, shape] of Object.entries(declaration.indexes)) {
    for (const field of fieldsOf(shape)) {
      // A document without an index's fields is simply not in that index.
      if (fields[field] !== undefined) checkKeyValue(`${field} (index ${index})`, fields[field], key);
    }
  }
  const checked: CheckedDocument = { key, json: toJson(value, key) };
  const bytes = utf8Bytes(checked.json);
  if (bytes > MAX_DOCUMENT_BYTES) throw new DocumentTooLarge(key, bytes, MAX_DOCUMENT_BYTES);
  if (declaration.expiresAt !== undefined && fields[declaration.expiresAt] !== undefined) {
    checked.expiresAtMs = expiryOf(fields[declaration.expiresAt], declaration.expiresAt, key);
  }
  return checked;
}

function toJson(value: object, key: DocumentKey): string {
  try {
    return JSON.stringify(value, (_field, inner: unknown) => {
      if (typeof inner === "number" && !Number.isFinite(inner)) throw new InvalidDocument("a number must be finite", key);
      if (typeof inner === "bigint" || typeof inner === "function" || typeof inner === "symbol")
        throw new InvalidDocument(`a ${typeof inner} is not JSON`, key);
      return inner;
    });
  } catch (error) {
    if (error instanceof InvalidDocument) throw error;
    throw new InvalidDocument(`the document is not JSON: ${(error as Error).message}`, key);
  }
}

function expiryOf(raw: unknown, field: string, key: DocumentKey): number {
  const at = typeof raw === "string" && DATE_TIME.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) throw new InvalidDocument(`${field} must be an ISO 8601 date-time with an offset`, key);
  return at;
}

/** When a stored value expires (epoch ms), or undefined: for values read back, which were checked when written. */
export function expiresAtOf(declaration: CollectionDeclaration<unknown>, value: unknown): number | undefined {
  if (declaration.expiresAt === undefined) return undefined;
  const raw = (value as Record<string, unknown>)[declaration.expiresAt];
  return typeof raw === "string" ? Date.parse(raw) : undefined;
}

/** Past `expiresAt` (`expiresAt <= now`) a document is absent to every call, whether or not the store has deleted it yet. */
export function isExpired(declaration: CollectionDeclaration<unknown>, value: unknown, nowMs: number): boolean {
  const at = expiresAtOf(declaration, value);
  return at !== undefined && at <= nowMs;
}

/** A new version for stores that keep their own: unique across writes, deletes and re-creates. */
export function newVersion(): string {
  return randomBytesFromPool(12).toString("base64url");
}
