import { PROBLEM_BASE } from "../http/problem.js";
import { FRAMEWORK_PROBLEMS, PROBLEM_SCHEMA, type ProblemCatalog, REQUEST_ID_HEADER, known, problemComponents, problemResponses } from "./problem-responses.js";

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect), written inline. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** A schema: the name of one of the description's component schemas, or the schema itself. */
export type SchemaUse = string | JsonSchema;

/** A response header written in place rather than named among the description's headers. */
export interface NamedHeader {
  name: string;
  description: string;
  schema?: JsonSchema;
}

/** A success answer: `schema` and `headers` name entries of the description's components, or give them in place. */
export interface SuccessDoc {
  description: string;
  schema?: SchemaUse;
  headers?: readonly (string | NamedHeader)[];
}

/** What the route table cannot say about one method of a route. */
export interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  /** The description's parameters by name (query and header), or OpenAPI parameter objects in place. */
  parameters?: readonly (string | JsonSchema)[];
  /** The body's schema; the body is application/json. */
  requestBody?: SchemaUse;
  responses: Record<number, SuccessDoc>;
  /** The problems this operation answers; every operation can also answer 500 and 503, and 401 where the API checks identity and the route is not open. */
  problems: readonly string[];
  /** Served without a token, whatever its route says. */
  open?: boolean;
}

/** The API's words beside its route table: one entry per path and method the table has, and no more. */
export interface ApiDescription {
  info: { title: string; version: string; description?: string };
  /** Whether a route that is not open needs a bearer token: the document then has the scheme, and a 401 on each such operation. */
  identity: boolean;
  operations: Record<string, Partial<Record<string, OperationDoc>>>;
  schemas: Record<string, unknown>;
  parameters: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** The app's own problem kinds, beside the framework's (which every document lists). */
  problems?: ProblemCatalog;
}

/** What the document needs of a route: its path pattern, its methods, and whether it is open. */
export interface RoutedPath {
  path: string;
  methods: Partial<Record<string, unknown>>;
  open?: boolean;
}

const ALWAYS = ["internal", "unavailable"] as const;

/**
 * The OpenAPI 3.1 document of a route table: every path and method it routes (HEAD wherever GET
 * is, OPTIONS everywhere, as the router answers them), its schemas, and every problem it answers.
 * A route the description does not document, or a documented one the table lacks, is an error.
 */
export function openApiDocument(routes: readonly RoutedPath[], api: ApiDescription) {
  const routed = new Set(routes.map((route) => route.path));
  for (const [path, methods] of Object.entries(api.operations)) {
    const route = routes.find((r) => r.path === path);
    for (const method of Object.keys(methods)) {
      if (!routed.has(path) || !route?.methods[method]) throw new Error(`The API description documents ${method} ${path}, which the route table lacks.`);
    }
  }
  const catalog = { ...FRAMEWORK_PROBLEMS, ...api.problems };
  const paths = Object.fromEntries(routes.map((route) => [route.path, pathItem(route, api, catalog)]));
  const ownKinds = Object.keys(api.problems ?? {}).length > 0;
  return {
    openapi: "3.1.0",
    info: api.info,
    ...(api.identity ? { security: [{ bearer: [] }] } : {}),
    paths,
    components: {
      schemas: { ...api.schemas, Problem: ownKinds ? appProblemSchema() : PROBLEM_SCHEMA },
      parameters: api.parameters,
      headers: { RequestId: REQUEST_ID_HEADER, ...api.headers },
      responses: problemComponents(catalog),
      ...(api.identity
        ? {
            securitySchemes: {
              bearer: {
                type: "http",
                scheme: "bearer",
                bearerFormat: "JWT",
                description: "A JWT from the configured issuer (SKYPORT_AUTH_ISSUER, SKYPORT_AUTH_AUDIENCE); without them, a local run is open.",
              },
            },
          }
        : {}),
    },
  };
}

function pathItem(route: RoutedPath, api: ApiDescription, catalog: ProblemCatalog) {
  const item: Record<string, unknown> = {};
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  if (names.length) item.parameters = names.map((name) => ({ name, in: "path", required: true, schema: { type: "string", minLength: 1 } }));
  const open = route.open === true;
  for (const method of Object.keys(route.methods)) {
    const doc = api.operations[route.path]?.[method];
    if (!doc) throw new Error(`${method} ${route.path} is routed but not documented: describe it in the API description.`);
    item[method.toLowerCase()] = operation(doc, doc.open ?? open, api.identity, catalog);
    if (method === "GET" && !route.methods.HEAD) item.head = headOf(doc, doc.open ?? open, api.identity, catalog);
  }
  item.options = {
    operationId: `options${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => c?.toUpperCase() ?? "")}`,
    summary: "The methods of this path; a CORS preflight from an origin in SKYPORT_CORS_ORIGINS gets the Access-Control headers too.",
    ...(api.identity ? { security: [] } : {}),
    responses: {
      "204": { description: "No content.", headers: { Allow: { description: "The path's methods.", schema: { type: "string" } }, ...requestId() } },
      ...problemResponses(ALWAYS, catalog),
    },
  };
  return item;
}

function operation(doc: OperationDoc, open: boolean, identity: boolean, catalog: ProblemCatalog) {
  const guarded = identity && !open;
  const problems = [...doc.problems, ...(guarded ? ["unauthorized"] : []), ...ALWAYS].sort((a, b) => known(catalog, a).status - known(catalog, b).status);
  const responses: Record<string, unknown> = {};
  for (const [status, success] of Object.entries(doc.responses)) {
    responses[status] = {
      description: success.description,
      headers: { ...requestId(), ...Object.fromEntries((success.headers ?? []).map(header)) },
      ...(success.schema ? { content: { "application/json": { schema: schemaOf(success.schema) } } } : {}),
    };
  }
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(open && identity ? { security: [] } : {}),
    ...(doc.parameters?.length
      ? { parameters: doc.parameters.map((parameter) => (typeof parameter === "string" ? { $ref: `#/components/parameters/${parameter}` } : parameter)) }
      : {}),
    ...(doc.requestBody ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(doc.requestBody) } } } } : {}),
    responses: { ...responses, ...problemResponses(problems, catalog) },
  };
}

/** HEAD answers what GET would, without the body (RFC 9110 9.3.2). */
function headOf(doc: OperationDoc, open: boolean, identity: boolean, catalog: ProblemCatalog) {
  const get = operation(doc, open, identity, catalog);
  const responses = Object.fromEntries(
    Object.entries(get.responses).map(([status, response]) => {
      if ("$ref" in (response as object)) return [status, response];
      const { content: _content, ...rest } = response as { content?: unknown };
      return [status, rest];
    }),
  );
  return { ...get, operationId: `${doc.operationId}Head`, summary: `${doc.summary} (headers only)`, responses };
}

function schemaOf(schema: SchemaUse) {
  return typeof schema === "string" ? { $ref: `#/components/schemas/${schema}` } : schema;
}

function header(header: string | NamedHeader): [string, unknown] {
  if (typeof header === "string") return [header, { $ref: `#/components/headers/${header}` }];
  return [header.name, { description: header.description, schema: header.schema ?? { type: "string" } }];
}

function requestId() {
  return { "x-request-id": { $ref: "#/components/headers/RequestId" } };
}

/** The problem schema of an API with kinds of its own: their `type` URIs are the app's, listed where they are answered. */
function appProblemSchema() {
  const type = { ...PROBLEM_SCHEMA.properties.type, description: `${PROBLEM_BASE}<kind> for the framework's kinds; the app's own kinds under its base.` };
  return { ...PROBLEM_SCHEMA, properties: { ...PROBLEM_SCHEMA.properties, type } };
}
