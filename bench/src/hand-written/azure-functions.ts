import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { route } from "./aws-lambda.js";
import { requestDone, requestIdOf, type PlainDeps } from "./orders.js";

/** An app.http handler by hand: the path from the URL, the body read as text. */
export function handWrittenAzureHttp(deps: PlainDeps) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const started = performance.now();
    const path = new URL(request.url).pathname;
    const headers = { "content-type": request.headers.get("content-type") ?? undefined, "x-request-id": request.headers.get("x-request-id") ?? undefined };
    const body = request.method === "POST" ? await request.text() : undefined;
    const requestId = requestIdOf(headers["x-request-id"], context.invocationId);
    const response = await route(deps, request.method, path, headers, body, requestId);
    requestDone(deps, started, { invocationId: context.invocationId, requestId, method: request.method, path, status: response.status });
    return { status: response.status, headers: response.headers, body: response.body };
  };
}
