import type { HttpResponseInit } from "@azure/functions";
import type { HttpResponse } from "@skyport/core";

/** The neutral response -> HttpResponseInit, sent as raw bytes (no content negotiation). */
export function toHttpResponseInit(response: HttpResponse): HttpResponseInit {
  return { status: response.status, headers: response.headers, body: response.body };
}
