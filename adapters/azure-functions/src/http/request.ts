import type { HttpRequest as AzureHttpRequest } from "@azure/functions";
import { MAX_BODY_BYTES, type HttpRequest } from "@skyport/core";

/**
 * Reads at most one byte past the limit: enough for core to answer 413, without buffering a
 * huge body when the host streams it (`app.setup({ enableHttpStream: true })`).
 */
async function boundedBody(request: AzureHttpRequest): Promise<Uint8Array | undefined> {
  if (!request.body) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) break;
  }
  return size ? Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1) : undefined;
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
    headers: Object.fromEntries(request.headers),
    body: await boundedBody(request),
  };
}
