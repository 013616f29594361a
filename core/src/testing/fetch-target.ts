import type { ContractRequest, ContractResponse, HttpTarget } from "./http-target.js";
import { rawHttpRequest } from "./raw-http.js";

// What fetch refuses to put in a header value (it throws before sending).
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** The contract over real HTTP: a local server or a deployed URL. */
export function fetchTarget<Extra extends Partial<HttpTarget>>(baseUrl: string, extra: Extra = {} as Extra): HttpTarget & Extra {
  const base = baseUrl.replace(/\/$/, "");
  return {
    ...extra,
    async send(request: ContractRequest): Promise<ContractResponse> {
      if (Object.values(request.headers ?? {}).some((value) => UNSENDABLE.test(value))) return rawHttpRequest(new URL(base), request);
      // Bytes, not a string: fetch would otherwise invent a text/plain content type.
      const body = request.body === undefined ? undefined : Buffer.from(request.body);
      const response = await fetch(base + request.path, { method: request.method, headers: request.headers, body, redirect: "manual" });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { status: response.status, headers, body: await response.text() };
    },
  };
}
