import { createHash } from "node:crypto";

/** Firestore's limit on a document id, in UTF-8 bytes. */
export const MAX_ID_BYTES = 1500;

// `%` escapes, `/` splits a path, `~` joins the key's fields, `#` starts a hashed id: only these are escaped.
const ESCAPED = /[%/~#]/g;
// Ids Firestore refuses whole: "." and "..", and names like __x__, which it reserves.
export const RESERVED = /^(\.{1,2}|__.*__)$/;

const escaped = (character: string) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;

/**
 * The document id of a key, from its field values in key order (partition, then sort): readable,
 * with `% / ~ #` escaped and the fields joined by `~`; a reserved id has its first character
 * escaped. Distinct keys give distinct ids. An id over Firestore's 1500 bytes is `#` and the
 * SHA-256 of the values instead (the key fields are kept as fields, for reads and ordering).
 */
export function documentId(values: readonly string[]): string {
  const plain = values.map((value) => value.replace(ESCAPED, escaped)).join("~");
  const id = RESERVED.test(plain) ? `${escaped(plain[0]!)}${plain.slice(1)}` : plain;
  if (Buffer.byteLength(id, "utf8") <= MAX_ID_BYTES) return id;
  return `#${createHash("sha256").update(JSON.stringify(values)).digest("base64url")}`;
}
