import { randomBytes, randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { ApiGatewayV2Event } from "../http/api-gateway-v2.js";
import restApiFixture from "./fixtures/apigw-request.json" with { type: "json" };
import jwtFixture from "./fixtures/apigw-v2-request-jwt-authorizer.json" with { type: "json" };
import httpApiFixture from "./fixtures/apigw-v2-request-no-authorizer.json" with { type: "json" };
import functionUrlFixture from "./fixtures/lambda-urls-request.json" with { type: "json" };

/** A request as a client sends it: path with its query string, headers as the client spelled them. */
export interface ClientRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const copy = <T>(value: T): T => structuredClone(value);
const TEXT_MEDIA = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml)$)/;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

function split(request: ClientRequest) {
  const q = request.path.indexOf("?");
  const path = q === -1 ? request.path : request.path.slice(0, q);
  const rawQuery = q === -1 ? "" : request.path.slice(q + 1);
  const bytes = request.body === undefined ? undefined : typeof request.body === "string" ? Buffer.from(request.body) : Buffer.from(request.body);
  const headers = request.headers ?? {};
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  return { path, rawQuery, bytes, headers, mediaType: contentType.split(";", 1)[0]!.trim().toLowerCase() };
}

const isUtf8 = (bytes: Buffer) => {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** A body as API Gateway puts it in the event: text as is, anything else base64. */
function eventBody(bytes: Buffer | undefined, base64: boolean) {
  if (bytes === undefined || bytes.length === 0) return { body: undefined, isBase64Encoded: false };
  if (base64 || !isUtf8(bytes)) return { body: bytes.toString("base64"), isBase64Encoded: true };
  return { body: bytes.toString("utf8"), isBase64Encoded: false };
}

/** The X-Ray header API Gateway adds to every request. */
export function xrayTraceHeader(): string {
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  return `Root=1-${epoch}-${randomBytes(12).toString("hex")}`;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** API Gateway's request time: `21/Apr/2020:15:08:21 +0000`. */
function requestTime(at: Date): string {
  const [, day, month, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(at.toUTCString())!.map(String);
  return `${day}/${month}/${year}:${time} +0000`;
}

function queryValues(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQuery)) values.set(name, [...(values.get(name) ?? []), value]);
  return values;
}

/** What an HTTP API (2.0) test event carries beyond the request: the authorizer's claims, the stage. */
export interface HttpApiOptions {
  /** JWT claims a JWT authorizer verified; the event has no authorizer without them. */
  claims?: Record<string, string>;
  /** A named stage, which HTTP APIs put in front of rawPath; `$default` by default. */
  stage?: string;
}

/**
 * Payload 2.0 as an HTTP API sends it: header names lower-cased and repeats joined with ",",
 * the Cookie header moved to `cookies`, the path decoded, non-text bodies base64. Function URLs
 * send the same, with the path left encoded.
 */
export function httpApiEvent(request: ClientRequest, options: HttpApiOptions = {}): ApiGatewayV2Event {
  const base = copy(options.claims ? jwtFixture : httpApiFixture) as unknown as ApiGatewayV2Event;
  const authorizer = options.claims ? { jwt: { claims: options.claims, scopes: null } } : undefined;
  return payloadV2(base, request, { stage: options.stage ?? "$default", decodesPath: true, authorizer });
}

/** Payload 2.0 as a Lambda function URL sends it, with the IAM caller when AuthType is AWS_IAM. */
export function functionUrlEvent(request: ClientRequest, options: { iamUserArn?: string } = {}): ApiGatewayV2Event {
  const base = copy(functionUrlFixture) as unknown as ApiGatewayV2Event;
  const authorizer = options.iamUserArn ? { iam: { ...functionUrlFixture.requestContext.authorizer.iam, userArn: options.iamUserArn } } : undefined;
  return payloadV2(base, request, { decodesPath: false, authorizer });
}

interface PayloadV2Source {
  stage?: string;
  /** HTTP APIs deliver the path decoded; function URLs as it was sent. */
  decodesPath: boolean;
  authorizer: Record<string, unknown> | undefined;
}

function payloadV2(base: ApiGatewayV2Event, request: ClientRequest, { stage, decodesPath, authorizer }: PayloadV2Source): ApiGatewayV2Event {
  const { path, rawQuery, bytes, headers: sent, mediaType } = split(request);
  const headers: Record<string, string> = {
    host: base.requestContext.domainName,
    "x-amzn-trace-id": xrayTraceHeader(),
    "x-forwarded-for": "203.0.113.7",
    "x-forwarded-port": "443",
    "x-forwarded-proto": "https",
  };
  let cookies: string[] | undefined;
  const fromClient = new Map<string, string[]>();
  for (const [name, value] of Object.entries(sent)) {
    const key = name.toLowerCase();
    if (key === "cookie") cookies = [...(cookies ?? []), ...value.split(/;\s*/)];
    else fromClient.set(key, [...(fromClient.get(key) ?? []), value]);
  }
  // What the client sent wins over what the gateway would add (a client's own X-Ray header).
  for (const [key, values] of fromClient) headers[key] = values.join(",");
  if (bytes) headers["content-length"] = String(bytes.length);
  const query = queryValues(rawQuery);
  const staged = (stage && stage !== "$default" ? `/${stage}` : "") + path;
  const rawPath = decodesPath ? decodedPath(staged) : staged;
  const now = new Date();
  const event: ApiGatewayV2Event = {
    ...base,
    rawPath,
    rawQueryString: rawQuery,
    headers,
    requestContext: {
      ...base.requestContext,
      ...(stage === undefined ? {} : { stage }),
      requestId: randomBytes(10).toString("base64").replace(/=+$/, "="),
      time: requestTime(now),
      timeEpoch: now.getTime(),
      http: { ...base.requestContext.http, method: request.method, path: rawPath },
    },
    ...eventBody(bytes, bytes !== undefined && !TEXT_MEDIA.test(mediaType)),
  };
  delete event.cookies;
  delete event.queryStringParameters;
  delete event.pathParameters;
  delete event.requestContext.authorizer;
  if (cookies) event.cookies = cookies;
  if (query.size) event.queryStringParameters = Object.fromEntries([...query].map(([name, values]) => [name, values.join(",")]));
  if (authorizer) event.requestContext.authorizer = authorizer;
  if (event.body === undefined) delete event.body;
  return event;
}

/** What a REST API (1.0) test event carries beyond the request: binary media types, the authorizer, the caller. */
export interface RestApiOptions {
  /** The API's binaryMediaTypes: bodies of these types arrive base64 (`*\/*`: every body). */
  binaryMediaTypes?: string[];
  /** What the authorizer put in requestContext.authorizer (Lambda: principalId; Cognito: claims). */
  authorizer?: Record<string, unknown>;
  /** The caller's ARN when the method uses IAM authorization (AWS_IAM). */
  iamUserArn?: string;
  stage?: string;
}

const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

function matchesMediaType(mediaType: string, patterns: string[]): boolean {
  return patterns.some((pattern) => pattern === "*/*" || pattern === mediaType || (pattern.endsWith("/*") && mediaType.startsWith(pattern.slice(0, -1))));
}

/**
 * Payload 1.0 as a REST API sends it: headers as the client spelled them (here Title-Case, as
 * many clients send them) in `headers` (last value) and `multiValueHeaders` (all), the query
 * decoded, null where there is nothing, bodies base64 only for the API's binary media types.
 */
export function restApiEvent(request: ClientRequest, options: RestApiOptions = {}): APIGatewayProxyEvent {
  const base = copy(restApiFixture) as unknown as APIGatewayProxyEvent;
  const { path, rawQuery, bytes, headers: sent, mediaType } = split(request);
  const multiValueHeaders: Record<string, string[]> = {
    Host: [base.requestContext.domainName!],
    "X-Amzn-Trace-Id": [xrayTraceHeader()],
    "X-Forwarded-For": ["203.0.113.7"],
    "X-Forwarded-Port": ["443"],
    "X-Forwarded-Proto": ["https"],
  };
  const fromClient = new Map<string, string[]>();
  for (const [name, value] of Object.entries(sent)) fromClient.set(titleCase(name), [...(fromClient.get(titleCase(name)) ?? []), value]);
  for (const [key, values] of fromClient) multiValueHeaders[key] = values;
  if (bytes) multiValueHeaders["Content-Length"] = [String(bytes.length)];
  const query = queryValues(rawQuery);
  const stage = options.stage ?? base.requestContext.stage;
  const body = eventBody(bytes, bytes !== undefined && matchesMediaType(mediaType, options.binaryMediaTypes ?? []));
  return {
    ...base,
    resource: "/{proxy+}",
    path,
    httpMethod: request.method,
    headers: Object.fromEntries(Object.entries(multiValueHeaders).map(([name, values]) => [name, values.at(-1)!])),
    multiValueHeaders,
    queryStringParameters: query.size ? Object.fromEntries([...query].map(([name, values]) => [name, values.at(-1)!])) : null,
    multiValueQueryStringParameters: query.size ? Object.fromEntries(query) : null,
    pathParameters: { proxy: path.slice(1) },
    requestContext: {
      ...base.requestContext,
      authorizer: options.authorizer ?? null,
      identity: identityOf(base.requestContext.identity, options.iamUserArn),
      httpMethod: request.method,
      path: `/${stage}${path}`,
      stage,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
    },
    body: body.body ?? null,
    isBase64Encoded: body.isBase64Encoded,
  };
}

/** The sample has every identity field set; a real request has only those its authorization sets. */
function identityOf(sample: APIGatewayProxyEvent["requestContext"]["identity"], iamUserArn: string | undefined) {
  const none = { accessKey: null, accountId: null, caller: null, user: null, userArn: null, apiKey: null, apiKeyId: null, clientCert: null };
  const cognito = { cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null };
  const iam = iamUserArn
    ? { userArn: iamUserArn, user: iamUserArn.split("/").at(-1)!, caller: sample.caller, accountId: sample.accountId, accessKey: sample.accessKey }
    : {};
  return { ...sample, ...none, ...cognito, principalOrgId: null, sourceIp: "203.0.113.7", ...iam };
}
