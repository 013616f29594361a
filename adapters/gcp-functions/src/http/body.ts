import type { Readable } from "node:stream";
import { MAX_BODY_BYTES } from "@skyport/core";

/** Reads the whole stream but keeps at most one byte past core's limit: enough for core to answer 413. */
export async function readCappedBody(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (size > MAX_BODY_BYTES) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1);
}

/** Stands for a body the framework read and dropped because it was over the framework's own limit. */
export function oversizedBody(): Uint8Array {
  return new Uint8Array(MAX_BODY_BYTES + 1);
}
