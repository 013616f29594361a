import type { IncomingHttpHeaders } from "node:http";
import type { Request } from "@google-cloud/functions-framework";
import type { HttpRequest } from "@skyport/core";
import { bodyWasOversized } from "./parser-recovery.js";
import { oversizedBody, readCappedBody } from "./body.js";

/** Header names in lower case (Node's own), repeated headers joined with ", ". */
export function joinedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return joined;
}

/**
 * The body exactly as sent: the framework's `rawBody` when one of its parsers read it, else the
 * stream itself (no parser takes a body without a content type).
 */
async function bodyOf(req: Request): Promise<Uint8Array | undefined> {
  if (req.rawBody) return req.rawBody;
  if (bodyWasOversized(req)) return oversizedBody();
  if (req.readableEnded) return undefined;
  // RFC 9112 6.3: a request with neither header has no body; skip reading its empty stream (every GET).
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return undefined;
  const body = await readCappedBody(req);
  return body.length ? body : undefined;
}

/** The framework's Express request as core's: the path and query as they arrived. */
export async function fromFrameworkRequest(req: Request): Promise<HttpRequest> {
  const url = req.originalUrl || req.url || "/";
  const q = url.indexOf("?");
  return {
    method: req.method,
    path: q === -1 ? url : url.slice(0, q),
    query: new URLSearchParams(q === -1 ? "" : url.slice(q + 1)),
    headers: joinedHeaders(req.headers),
    body: await bodyOf(req),
  };
}
