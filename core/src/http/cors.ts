import { ConfigError, envReader, type Env } from "../config/env.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";

/** Which browser origins may call the API: exact origins (`https://shop.example.com`), no wildcard. */
export interface CorsPolicy {
  origins: ReadonlySet<string>;
}

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;
/** What a browser may send besides the CORS-safelisted headers. */
const ALLOWED_HEADERS = "authorization, content-type, idempotency-key, if-match, traceparent, x-request-id";
/** What a browser script may read besides the CORS-safelisted response headers. */
const EXPOSED_HEADERS = "etag, location, idempotent-replayed, retry-after, www-authenticate, x-request-id";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/** SKYPORT_CORS_ORIGINS: comma-separated exact origins; unset, no CORS header is ever sent. */
export function readCorsPolicy(env: Env): CorsPolicy | undefined {
  const text = envReader(env).optional("SKYPORT_CORS_ORIGINS");
  if (text === undefined || text.trim() === "") return undefined;
  const origins = text.split(",").map((origin) => origin.trim().toLowerCase());
  const bad = origins.find((origin) => !ORIGIN.test(origin));
  if (bad !== undefined)
    throw new ConfigError("SKYPORT_CORS_ORIGINS", "comma-separated origins such as https://shop.example.com (scheme, host, optional port)", bad);
  return { origins: new Set(origins) };
}

/** A preflight (OPTIONS with Origin and Access-Control-Request-Method), answered before any token is asked for. */
export function isPreflight(request: HttpRequest): boolean {
  return request.method === "OPTIONS" && request.headers.origin !== undefined && request.headers["access-control-request-method"] !== undefined;
}

/**
 * The preflight's answer: 204 with the route's methods and the headers the API reads, for a
 * listed origin; for any other origin the same 204 without CORS headers, which the browser refuses.
 */
export function preflightResponse(policy: CorsPolicy | undefined, request: HttpRequest, allow: string): HttpResponse {
  const headers: Record<string, string> = { allow };
  const origin = request.headers.origin!;
  if (policy?.origins.has(origin)) {
    Object.assign(headers, {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": allow,
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": PREFLIGHT_MAX_AGE_SECONDS,
    });
  }
  if (policy) headers.vary = "Origin";
  return { status: 204, headers };
}

/** CORS headers on an actual response, for a listed origin; `Vary: Origin` whenever CORS is on, so caches keep them apart. */
export function withCors(policy: CorsPolicy | undefined, request: HttpRequest, response: HttpResponse): HttpResponse {
  if (!policy) return response;
  response.headers.vary = response.headers.vary ? `${response.headers.vary}, Origin` : "Origin";
  const origin = request.headers.origin;
  if (origin !== undefined && policy.origins.has(origin) && response.headers["access-control-allow-origin"] === undefined) {
    response.headers["access-control-allow-origin"] = origin;
    response.headers["access-control-expose-headers"] = EXPOSED_HEADERS;
  }
  return response;
}
