import { createHash } from "node:crypto";
import { InvalidCursor } from "../ports/errors.js";

/**
 * A list cursor is opaque to clients: the store's own position, bound to the customer it was
 * issued for and sealed with a checksum. A garbled cursor, or one from another customer's
 * list, is refused before any store sees it; the store then refuses positions it did not make.
 */
export function encodeCursor(customerId: string, position: string): string {
  const payload = Buffer.from(JSON.stringify({ c: customerId, p: position })).toString("base64url");
  return `${payload}.${seal(payload)}`;
}

export function decodeCursor(cursor: string, customerId: string): string {
  const [payload, checksum, extra] = cursor.split(".");
  if (!payload || !checksum || extra !== undefined || seal(payload) !== checksum) {
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

function seal(payload: string): string {
  return createHash("sha256").update("skyport-cursor:").update(payload).digest("base64url").slice(0, 16);
}
