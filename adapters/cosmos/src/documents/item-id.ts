import { createHash } from "node:crypto";

/** Cosmos DB's limit on an item's `id`. */
export const MAX_ID_LENGTH = 255;
/** Kept as they are: safe in an id and in a URL path. Every other UTF-8 byte becomes `_XX`. */
const KEPT = /^[A-Za-z0-9-]$/;

/**
 * The `id` of the item holding a key: unique within its logical partition, so derived from the sort
 * field's value (the partition's where there is none). `/ \ ? #`, `.` and `..` cannot be ids, so
 * every byte but A-Z a-z 0-9 - is written `_XX`; an id that would pass 255 characters is `_h` and
 * the SHA-256 of the value, which no escaped id can be (`_` is always followed by two hex digits).
 */
export function itemId(value: string): string {
  let id = "";
  for (const char of value) {
    id += KEPT.test(char) ? char : [...Buffer.from(char, "utf8")].map((byte) => `_${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    if (id.length > MAX_ID_LENGTH) return `_h${createHash("sha256").update(value, "utf8").digest("base64url")}`;
  }
  return id;
}
