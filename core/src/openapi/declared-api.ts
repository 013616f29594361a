import type { RouteSpec } from "../http/declared-route.js";
import { IDEMPOTENCY_KEY } from "../idempotency/keys.js";
import { type ApiDescription, type JsonSchema, type OperationDoc, openApiDocument, type RoutedPath } from "./document.js";
import type { ProblemCatalog } from "./problem-responses.js";
import { SchemaComponents } from "./schema-components.js";

/** What an app's document says beside its declared routes. */
export interface DeclaredApi {
  info: { title: string; version: string; description?: string };
  /** The app checks identity: a route that is not open needs a bearer token (401 otherwise). */
  identity: boolean;
  /** The app's own problem kinds with their `type` URIs under its base (`problems(...).at(env).kinds`). */
  problems?: ProblemCatalog;
}

/** The problems a declared input adds: its JSON body's (415, 413, 400), or a query's or path's (400). */
const BODY_PROBLEMS = ["unsupported-media-type", "payload-too-large", "malformed-json", "validation"];
const IDEMPOTENT_PROBLEMS = ["idempotency-in-flight", "idempotency-mismatch"];

/** GET /openapi.json, which every app with declared routes serves, open like /health. */
export const OPENAPI_ROUTE: RouteSpec = {
  method: "GET",
  path: "/openapi.json",
  operationId: "getOpenApi",
  summary: "This document.",
  open: true,
  answers: {
    200: {
      description: "The OpenAPI 3.1 document of the running service.",
      body: { $id: "OpenApiDocument", type: "object", required: ["openapi", "info", "paths"], properties: { openapi: { type: "string" } } },
    },
  },
};

/**
 * The OpenAPI 3.1 document of an app's declared routes and GET /openapi.json: each route's
 * schemas (named in components by their `$id`, else in place), answers and problems, the ones
 * its inputs, idempotency and the app's identity check add, and 500 and 503 everywhere.
 */
export function declaredApiDocument(specs: readonly RouteSpec[], api: DeclaredApi) {
  const routes: RoutedPath[] = [];
  for (const spec of [...specs, OPENAPI_ROUTE]) {
    const route = routes.find((r) => r.path === spec.path) ?? { path: spec.path, methods: {} };
    if (!routes.includes(route)) routes.push(route);
    if (route.methods[spec.method]) throw new Error(`${spec.method} ${spec.path} is declared twice`);
    route.methods[spec.method] = spec;
  }
  return openApiDocument(routes, declaredApiDescription(specs, api));
}

/** The API description of declared routes and GET /openapi.json: what `openApiDocument` makes their document from. */
export function declaredApiDescription(specs: readonly RouteSpec[], api: DeclaredApi): ApiDescription {
  const components = new SchemaComponents();
  const operations: ApiDescription["operations"] = {};
  const operationIds = new Set<string>();
  for (const spec of [...specs, OPENAPI_ROUTE]) {
    const doc = operationOf(spec, components);
    if (operationIds.has(doc.operationId)) throw new Error(`the operationId ${doc.operationId} (${spec.method} ${spec.path}) is another route's too`);
    operationIds.add(doc.operationId);
    operations[spec.path] = { ...operations[spec.path], [spec.method]: doc };
  }
  return {
    info: api.info,
    identity: api.identity,
    operations,
    schemas: components.schemas,
    parameters: {},
    headers: {},
    ...(api.problems && { problems: api.problems }),
  };
}

/** `getNotesById` for GET /notes/{id}: the method, then each path segment, a parameter as `By<Name>`. */
export function defaultOperationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.startsWith("{") ? `By-${segment.slice(1, -1)}` : segment));
  return method.toLowerCase() + words.join("-").replace(/(?:^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function operationOf(spec: RouteSpec, components: SchemaComponents): OperationDoc {
  const parameters = [
    ...parametersOf(spec.params, "path", components),
    ...parametersOf(spec.query, "query", components),
    ...parametersOf(spec.headers, "header", components),
  ];
  if (spec.idempotent) parameters.push(IDEMPOTENCY_KEY_PARAMETER);
  const problems = [
    ...(spec.body ? BODY_PROBLEMS : spec.query || spec.params || spec.headers ? ["validation"] : []),
    ...(spec.idempotent ? IDEMPOTENT_PROBLEMS : []),
    ...(spec.problems ?? []),
  ];
  return {
    operationId: spec.operationId ?? defaultOperationId(spec.method, spec.path),
    summary: spec.summary ?? `${spec.method} ${spec.path}`,
    ...(spec.description && { description: spec.description }),
    ...(spec.open !== undefined && { open: spec.open }),
    ...(parameters.length > 0 && { parameters }),
    ...(spec.body && { requestBody: components.use(spec.body) }),
    responses: Object.fromEntries(
      Object.entries(spec.answers).map(([status, answer]) => [
        status,
        {
          description: answer.description,
          ...(answer.body && { schema: components.use(answer.body) }),
          ...(answer.headers && {
            headers: Object.entries(answer.headers).map(([name, { description, schema }]) => ({
              name,
              description,
              ...(schema && { schema: components.use(schema) }),
            })),
          }),
        },
      ]),
    ),
    problems: [...new Set(problems)],
  };
}

const IDEMPOTENCY_KEY_PARAMETER = {
  name: "Idempotency-Key",
  in: "header",
  description: "Kept at least 24 hours, scoped to the caller: the same key and body replay the first answer.",
  schema: { type: "string", pattern: IDEMPOTENCY_KEY.source },
};

/** One parameter per property of an object schema (the path's, the query's or the headers'). */
function parametersOf(given: object | undefined, where: "path" | "query" | "header", components: SchemaComponents): JsonSchema[] {
  if (!given) return [];
  const schema = given as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (schema.type !== "object" || !properties) throw new Error(`a route's ${where} schema is an object of its parameters (Type.Object({...}))`);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(typeof property.description === "string" && { description: property.description }),
    schema: components.use(property),
  }));
}
