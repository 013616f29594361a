import { createHash } from "node:crypto";
import { InvalidCursor } from "../ports/errors.js";

/**
 * A list cursor is opaque to clients: the store's own position, bound to the customer it was
 * issued for, with a checksum. The checksum is not a secret: it catches garbled cursors, not
 * forged ones. What keeps customers apart is the binding (a cursor from another customer's list
 * is refused before any store sees it) and the stores, which take the customer from the request,
 * never from the position, and refuse positions they did not make.
 */
export function encodeCursor(customerId: string, position: string): string {
  const payload = Buffer.from(JSON.stringify({ c: customerId, p: position })).toString("base64url");
  return `${payload}.${checksumOf(payload)}`;
}

export function decodeCursor(cursor: string, customerId: string): string {
  const [payload, checksum, extra] = cursor.split(".");
  if (!payload || !checksum || extra !== undefined || checksumOf(payload) !== checksum) {
    throw new InvalidCursor("cursor is garbled");
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursor("cursor is garbled");
  }
  const { c, p } = (decoded ?? {}) as { c?: unknown; p?: unknown };
  if (typeof p !== "string") throw new InvalidCursor("cursor is garbled");
  if (c !== customerId) throw new InvalidCursor("cursor belongs to another list");
  return p;
}

function checksumOf(payload: string): string {
  return createHash("sha256").update("skyport-cursor:").update(payload).digest("base64url").slice(0, 16);
}
