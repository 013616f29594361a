import createClient from "openapi-fetch";
import type { ContractRequest, ContractResponse } from "../../testing/http-target.js";
import type { components, paths } from "./openapi-types.generated.js";

export type ApiOrder = components["schemas"]["Order"];
export type ApiNewOrder = components["schemas"]["NewOrder"];
export type ApiOrderPage = components["schemas"]["OrderPage"];

// openapi-fetch wants an absolute URL; only the path and query reach the target.
const ORIGIN = "http://contract.invalid";

/**
 * The typed client of the order API (openapi-fetch over the types openapi-typescript generates
 * from /openapi.json), speaking through a contract target: a wrong path, body or parameter is a
 * compile error in the suite, and every call still passes the suite's own checks in `send`.
 */
export function ordersClient(send: (request: ContractRequest) => Promise<ContractResponse>) {
  return createClient<paths>({
    baseUrl: ORIGIN,
    fetch: async (request: Request) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
      const response = await send({ method: request.method, path: url.pathname + url.search, headers, body });
      const bodyless = response.body === "" || [204, 205, 304].includes(response.status);
      return new Response(bodyless ? null : response.body, { status: response.status, headers: response.headers });
    },
  });
}
