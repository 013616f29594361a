import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { HttpRequest, HttpResponse } from "@skyport/core";
import { eventBody, resultBody } from "./body.js";
import { lowerCaseHeaders } from "./headers.js";
import { encodedPath } from "./path.js";
import { principalOf } from "./principal.js";

/** Payload format 1.0: what REST APIs send (and HTTP APIs configured for 1.0). */
export type ApiGatewayV1Event = APIGatewayProxyEvent;

/** Whether the event is an API Gateway REST API event (payload format 1.0). */
export function isApiGatewayV1(event: unknown): event is ApiGatewayV1Event {
  const candidate = event as Partial<ApiGatewayV1Event> | null;
  return typeof candidate?.httpMethod === "string" && typeof candidate.path === "string" && candidate.requestContext != null;
}

/** An API Gateway REST API event (1.0) as the neutral request. */
export function fromApiGatewayV1(event: ApiGatewayV1Event): HttpRequest {
  return {
    method: event.httpMethod.toUpperCase(),
    path: encodedPath(event.path),
    query: queryOf(event),
    // Real events carry null where there is nothing, whatever the types say.
    headers: lowerCaseHeaders(event.headers ?? null, event.multiValueHeaders ?? null),
    body: eventBody(event.body, event.isBase64Encoded),
  };
}

/** 1.0 delivers the query decoded, in `multiValueQueryStringParameters` with every repeat. */
function queryOf(event: ApiGatewayV1Event): URLSearchParams {
  const query = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  const names = multi ? Object.keys(multi) : [];
  if (names.length > 0) {
    for (const name of names) {
      const values = multi![name];
      if (values) for (const value of values) query.append(name, value);
    }
  } else {
    const single = event.queryStringParameters;
    if (single) {
      for (const name of Object.keys(single)) {
        const value = single[name];
        if (value !== undefined) query.append(name, value);
      }
    }
  }
  return query;
}

export function apiGatewayV1Principal(event: ApiGatewayV1Event): string | undefined {
  return principalOf(event.requestContext.authorizer, event.requestContext.identity?.userArn);
}

/** The neutral response as a REST API (1.0) result. */
export function toApiGatewayV1Result(response: HttpResponse): APIGatewayProxyResult {
  return { statusCode: response.status, headers: { ...response.headers }, ...resultBody(response) };
}
