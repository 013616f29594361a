import { createHash } from "node:crypto";

export type Scan = { ok: true; bytes: number; sha256: string } | { ok: false; error: string };

/**
 * The first pass over a file, before any order: its size within the limit, UTF-8 throughout,
 * and its SHA-256. A file that fails is rejected whole, so no order of it is ever created.
 */
export async function scanObject(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Scan> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    // Leaving the loop ends the read: the rest of an oversized file is never fetched.
    if (bytes > maxBytes) return { ok: false, error: `The file is larger than ${maxBytes} bytes (SKYPORT_IMPORT_MAX_BYTES).` };
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      return { ok: false, error: "The file is not UTF-8." };
    }
    hash.update(chunk);
  }
  try {
    decoder.decode();
  } catch {
    return { ok: false, error: "The file is not UTF-8 (it ends inside a character)." };
  }
  return { ok: true, bytes, sha256: hash.digest("hex") };
}
