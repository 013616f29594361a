import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { createOrder, getOrder, health, otherRoute, parseJsonBody, requestDone, requestIdOf, type PlainDeps, type PlainResponse } from "./orders.js";

/** The routes of the workload, for any event once its method, path, headers and body are known. */
export async function route(
  deps: PlainDeps,
  method: string,
  path: string,
  headers: Record<string, string | undefined>,
  body: string | undefined,
  requestId: string,
): Promise<PlainResponse> {
  if (path === "/orders" && method === "POST") {
    const parsed = parseJsonBody(headers["content-type"], body, body === undefined ? 0 : Buffer.byteLength(body), requestId);
    return "value" in parsed ? createOrder(deps, parsed.value, requestId) : parsed;
  }
  if (path.startsWith("/orders/") && path.indexOf("/", 8) === -1 && method === "GET") return getOrder(deps, decodeURIComponent(path.slice(8)), requestId);
  if (path === "/health" && method === "GET") return health(requestId);
  return otherRoute(path, method, requestId);
}

/** An HTTP API (payload 2.0) handler as one writes it by hand: headers arrive lower-cased. */
export function handWrittenApiGatewayV2(deps: PlainDeps) {
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = performance.now();
    const requestId = requestIdOf(event.headers["x-request-id"], context.awsRequestId);
    const { method } = event.requestContext.http;
    const response = await route(deps, method, event.rawPath, event.headers, event.body, requestId);
    requestDone(deps, started, { awsRequestId: context.awsRequestId, requestId, method, path: event.rawPath, status: response.status });
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}

/** A REST API (payload 1.0) handler by hand: header names as the client sent them. */
export function handWrittenApiGatewayV1(deps: PlainDeps) {
  return async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const started = performance.now();
    const headers: Record<string, string | undefined> = {};
    for (const name in event.headers) headers[name.toLowerCase()] = event.headers[name];
    const requestId = requestIdOf(headers["x-request-id"], context.awsRequestId);
    const body = event.body === null ? undefined : event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    const response = await route(deps, event.httpMethod, event.path, headers, body, requestId);
    requestDone(deps, started, { awsRequestId: context.awsRequestId, requestId, method: event.httpMethod, path: event.path, status: response.status });
    return { statusCode: response.status, headers: response.headers, body: response.body ?? "" };
  };
}
