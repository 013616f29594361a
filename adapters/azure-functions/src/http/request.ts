import type { HttpRequest as AzureHttpRequest } from "@azure/functions";
import { MAX_BODY_BYTES, type HttpRequest } from "@skyport/core";

/**
 * Reads at most one byte past the limit: enough for core to answer 413, without buffering a
 * huge body when the host streams it (`app.setup({ enableHttpStream: true })`). A body the host
 * sent whole arrives as one chunk and is handed on as it is, not copied.
 */
async function boundedBody(request: AzureHttpRequest): Promise<Uint8Array | undefined> {
  const stream = request.body as ReadableStream<Uint8Array> | null;
  if (!stream) return undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  if (!size) return undefined;
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  return size > MAX_BODY_BYTES ? body.subarray(0, MAX_BODY_BYTES + 1) : body;
}

/** Every header once, a repeated one joined with ", " (as Headers gives it), in a plain record. */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * HttpRequest -> the neutral request. Path and query come from the URL rather than from
 * `request.query`, which the host fills from a dictionary that keeps one value per name.
 */
export async function fromHttpRequest(request: AzureHttpRequest): Promise<HttpRequest> {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: headerRecord(request.headers),
    body: await boundedBody(request),
  };
}
