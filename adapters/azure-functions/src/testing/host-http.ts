import { HttpRequest } from "@azure/functions";
import type { ContractRequest } from "@skyport/core/testing";

/** The origin the host's HTTP requests are made on, as a deployed app's. */
export const APP_ORIGIN = "https://skyport-orders.azurewebsites.net";

/**
 * An HttpRequest as the library builds it from the host's RpcHttp data: the full URL, the
 * headers the front end adds, the query as a dictionary, the route's `path` parameter and the
 * body as raw bytes (the Node worker asks the host for raw bytes). GET and HEAD carry none.
 */
export function hostHttpRequest(request: ContractRequest, origin = APP_ORIGIN): HttpRequest {
  const url = new URL(request.path, origin);
  const bytes = request.body === undefined ? undefined : typeof request.body === "string" ? Buffer.from(request.body) : request.body;
  const headers: Record<string, string> = {
    host: url.host,
    "x-forwarded-for": "203.0.113.7:50432",
    "x-forwarded-proto": "https",
    "x-original-url": request.path,
    "x-arr-ssl": "2048|256|CN=Microsoft Azure RSA TLS Issuing CA 03",
    ...(bytes ? { "content-length": String(bytes.byteLength) } : {}),
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  return new HttpRequest({
    method: request.method,
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams),
    params: { path: url.pathname.slice(1) },
    body: bytes ? { bytes } : undefined,
  });
}
