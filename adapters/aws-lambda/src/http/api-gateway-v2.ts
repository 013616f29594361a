import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2WithRequestContext, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { HttpRequest, HttpResponse } from "@skyport/core";
import { eventBody, resultBody } from "./body.js";
import { lowerCaseHeaders } from "./headers.js";
import { encodedPath, withoutStage } from "./path.js";
import { principalOf } from "./principal.js";

/** Payload format 2.0: what HTTP APIs and Lambda function URLs send, with whichever authorizer. */
export type ApiGatewayV2Event = APIGatewayProxyEventV2WithRequestContext<APIGatewayEventRequestContextV2 & { authorizer?: Record<string, unknown> | null }>;

/** Whether the event is an HTTP API or Function URL event (payload format 2.0). */
export function isApiGatewayV2(event: unknown): event is ApiGatewayV2Event {
  const candidate = event as Partial<ApiGatewayV2Event> | null;
  return candidate?.version === "2.0" && typeof candidate.rawPath === "string" && typeof candidate.requestContext?.http?.method === "string";
}

/** An HTTP API or Function URL event (2.0) as the neutral request; its cookies become the Cookie header again. */
export function fromApiGatewayV2(event: ApiGatewayV2Event): HttpRequest {
  const headers = lowerCaseHeaders(event.headers);
  // 2.0 moves the Cookie header into `cookies`.
  if (event.cookies?.length) headers.cookie = event.cookies.join("; ");
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: encodedPath(withoutStage(event.rawPath, event.requestContext.stage)),
    query: new URLSearchParams(event.rawQueryString ?? ""),
    headers,
    body: eventBody(event.body, event.isBase64Encoded),
  };
}

export function apiGatewayV2Principal(event: ApiGatewayV2Event): string | undefined {
  return principalOf(event.requestContext.authorizer);
}

/** 2.0 sends Set-Cookie back as `cookies`; every other header as it is. */
export function toApiGatewayV2Result(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const name of Object.keys(response.headers)) {
    const value = response.headers[name]!;
    // The length check first: most names are not 10 characters long and need no lower-casing.
    if (name.length === 10 && name.toLowerCase() === "set-cookie") cookies.push(value);
    else headers[name] = value;
  }
  const { body, isBase64Encoded } = resultBody(response);
  // Keys in the order Lambda has always serialized them: statusCode, headers, cookies, body, isBase64Encoded.
  const result: APIGatewayProxyStructuredResultV2 = { statusCode: response.status, headers };
  if (cookies.length) result.cookies = cookies;
  if (body !== "") result.body = body;
  result.isBase64Encoded = isBase64Encoded;
  return result;
}
