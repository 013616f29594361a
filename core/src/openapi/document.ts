import { PROBLEMS, type ProblemKind } from "../http/problem.js";
import type { Route } from "../http/router.js";
import { PROBLEM_SCHEMA, REQUEST_ID_HEADER, problemComponents, problemResponses } from "./problem-responses.js";

/** A success answer: `schema` and `headers` name entries of the description's components. */
export interface SuccessDoc {
  description: string;
  schema?: string;
  headers?: readonly string[];
}

/** What the route table cannot say about one method of a route. */
export interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  /** Names of the description's parameters (query and header). */
  parameters?: readonly string[];
  /** The name of the body's schema; the body is application/json. */
  requestBody?: string;
  responses: Record<number, SuccessDoc>;
  /** The problems this operation answers; every operation can also answer 500 and 503, and one on a route that is not open 401. */
  problems: readonly ProblemKind[];
}

/** The API's words beside its route table: one entry per path and method the table has, and no more. */
export interface ApiDescription {
  info: { title: string; version: string; description: string };
  operations: Record<string, Partial<Record<string, OperationDoc>>>;
  schemas: Record<string, unknown>;
  parameters: Record<string, unknown>;
  headers: Record<string, unknown>;
}

const ALWAYS: readonly ProblemKind[] = ["internal", "unavailable"];

/**
 * The OpenAPI 3.1 document of a route table: every path and method it routes (HEAD wherever GET
 * is, OPTIONS everywhere, as the router answers them), its schemas, and every problem it answers.
 * A route the description does not document, or a documented one the table lacks, is an error.
 */
export function openApiDocument(routes: readonly Route[], api: ApiDescription) {
  const routed = new Set(routes.map((route) => route.path));
  for (const [path, methods] of Object.entries(api.operations)) {
    const route = routes.find((r) => r.path === path);
    for (const method of Object.keys(methods)) {
      if (!routed.has(path) || !route?.methods[method]) throw new Error(`The API description documents ${method} ${path}, which the route table lacks.`);
    }
  }
  const paths = Object.fromEntries(routes.map((route) => [route.path, pathItem(route, api)]));
  return {
    openapi: "3.1.0",
    info: api.info,
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: { ...api.schemas, Problem: PROBLEM_SCHEMA },
      parameters: api.parameters,
      headers: { RequestId: REQUEST_ID_HEADER, ...api.headers },
      responses: problemComponents(),
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A JWT from the configured issuer (SKYPORT_AUTH_ISSUER, SKYPORT_AUTH_AUDIENCE); without them, a local run is open.",
        },
      },
    },
  };
}

function pathItem(route: Route, api: ApiDescription) {
  const item: Record<string, unknown> = {};
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  if (names.length) item.parameters = names.map((name) => ({ name, in: "path", required: true, schema: { type: "string", minLength: 1 } }));
  for (const method of Object.keys(route.methods)) {
    const doc = api.operations[route.path]?.[method];
    if (!doc) throw new Error(`${method} ${route.path} is routed but not documented: describe it in the API description.`);
    item[method.toLowerCase()] = operation(doc, route.open === true);
    if (method === "GET" && !route.methods.HEAD) item.head = headOf(doc, route.open === true);
  }
  item.options = {
    operationId: `options${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => c?.toUpperCase() ?? "")}`,
    summary: "The methods of this path; a CORS preflight from an origin in SKYPORT_CORS_ORIGINS gets the Access-Control headers too.",
    security: [],
    responses: {
      "204": { description: "No content.", headers: { Allow: { description: "The path's methods.", schema: { type: "string" } }, ...requestId() } },
      ...problemResponses(ALWAYS),
    },
  };
  return item;
}

function operation(doc: OperationDoc, open: boolean) {
  const problems = [...doc.problems, ...(open ? [] : (["unauthorized"] as const)), ...ALWAYS].sort((a, b) => PROBLEMS[a].status - PROBLEMS[b].status);
  const responses: Record<string, unknown> = {};
  for (const [status, success] of Object.entries(doc.responses)) {
    const headers = { ...requestId(), ...Object.fromEntries((success.headers ?? []).map((name) => [name, { $ref: `#/components/headers/${name}` }])) };
    responses[status] = {
      description: success.description,
      headers,
      ...(success.schema ? { content: { "application/json": { schema: { $ref: `#/components/schemas/${success.schema}` } } } } : {}),
    };
  }
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(open ? { security: [] } : {}),
    ...(doc.parameters?.length ? { parameters: doc.parameters.map((name) => ({ $ref: `#/components/parameters/${name}` })) } : {}),
    ...(doc.requestBody
      ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${doc.requestBody}` } } } } }
      : {}),
    responses: { ...responses, ...problemResponses(problems) },
  };
}

/** HEAD answers what GET would, without the body (RFC 9110 9.3.2). */
function headOf(doc: OperationDoc, open: boolean) {
  const get = operation(doc, open);
  const responses = Object.fromEntries(
    Object.entries(get.responses).map(([status, response]) => {
      if ("$ref" in (response as object)) return [status, response];
      const { content: _content, ...rest } = response as { content?: unknown };
      return [status, rest];
    }),
  );
  return { ...get, operationId: `${doc.operationId}Head`, summary: `${doc.summary} (headers only)`, responses };
}

function requestId() {
  return { "x-request-id": { $ref: "#/components/headers/RequestId" } };
}
