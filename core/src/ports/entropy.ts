import { randomFillSync } from "node:crypto";

const POOL_BYTES = 4096;
let pool = Buffer.allocUnsafe(0);
let offset = 0;

/**
 * Bytes from the system CSPRNG, fetched 4 KiB at a time (as node:crypto's randomUUID does):
 * a getrandom call costs microseconds, and ids and trace ids are drawn on every request.
 * Each byte is handed out once.
 */
export function randomBytesFromPool(size: number): Buffer {
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(Math.max(POOL_BYTES, size)));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}

let hexPool = "";
let hexOffset = 0;

/** `size` random bytes as lower-case hex, sliced from a pooled hex string (no buffer per call). */
export function randomHex(size: number): string {
  const length = size * 2;
  if (hexOffset + length > hexPool.length) {
    hexPool = randomFillSync(Buffer.allocUnsafe(Math.max(POOL_BYTES, size))).toString("hex");
    hexOffset = 0;
  }
  const hex = hexPool.slice(hexOffset, hexOffset + length);
  hexOffset += length;
  return hex;
}
