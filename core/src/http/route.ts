import type { TSchema } from "typebox";
import { AppDeclarationError } from "../app/declaration.js";
import type { Context } from "../function/context.js";
import type { HttpResponse } from "../function/http.js";
import type { DeclaredRoute, InputSchema, RouteInput, RouteMethod, RouteSpec } from "./declared-route.js";

const METHODS: readonly RouteMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const SEGMENT = /^(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|[A-Za-z0-9._~!$&'()*+,;=:@-]+)$/;
const OPERATION_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What a query parameter or a path parameter can be: its text, coerced to a number or a boolean, or a repeated parameter's list. */
const SCALARS = ["string", "number", "integer", "boolean"];

/**
 * A route that declares its inputs and answers, its handler typed from its schemas:
 *
 *     route({ method: "GET", path: "/notes/{id}", params: Type.Object({ id: Type.String() }), answers: { 200: { description: "The note" } } },
 *       async ({ params }, services: Services) => json(200, await services.notes.get(params)))
 *
 * Checked where declared, so a build fails early (AppDeclarationError): a method the router
 * serves, a path of plain segments and `{name}` parameters, a `params` object schema with
 * exactly those names, all required (and one wherever the path has parameters), a `query`
 * object schema of strings, numbers, integers, booleans or arrays of them, no body on a GET,
 * answers given, and `idempotent` on a POST only.
 */
export function route<S, B extends InputSchema = undefined, Q extends InputSchema = undefined, P extends InputSchema = undefined>(
  spec: RouteSpec<B, Q, P> & Pick<DeclaredRoute<S, B, Q, P>, "authorize">,
  handler: (input: RouteInput<B, Q, P>, services: S, context: Context) => Promise<HttpResponse>,
): DeclaredRoute<S, B, Q, P> {
  const name = `route ${spec.method} ${spec.path}`;
  const refuse = (rule: string): never => {
    throw new AppDeclarationError(`${name}: ${rule}`);
  };
  if (!METHODS.includes(spec.method)) refuse(`the method must be one of ${METHODS.join(", ")} (HEAD and OPTIONS are answered from these)`);
  const names = pathParameters(spec.path, refuse);
  checkParams(spec.params, names, refuse);
  if (spec.query !== undefined) checkQuery(spec.query, refuse);
  if (spec.headers !== undefined) checkHeaders(spec.headers, refuse);
  if (spec.body !== undefined && spec.method === "GET") refuse("a GET has no body: declare its inputs in query");
  if (Object.keys(spec.answers ?? {}).length === 0) refuse("declare at least one answer (answers: { 200: { description } })");
  for (const status of Object.keys(spec.answers)) {
    if (!/^[1-5]\d\d$/.test(status)) refuse(`answer ${status} is not an HTTP status (100-599)`);
  }
  if (spec.idempotent && spec.method !== "POST") refuse("only a POST can be idempotent (Idempotency-Key replays a POST's answer)");
  if (spec.operationId !== undefined && !OPERATION_ID.test(spec.operationId)) refuse(`operationId ${JSON.stringify(spec.operationId)}: letters, digits and _`);
  return Object.freeze({ ...spec, handler });
}

/** The names in `{...}`, each once, of a path of plain segments. */
function pathParameters(path: string, refuse: (rule: string) => never): string[] {
  if (!path.startsWith("/")) refuse("the path must start with /");
  const names: string[] = [];
  if (path === "/") return names;
  for (const segment of path.slice(1).split("/")) {
    const matched = SEGMENT.exec(segment);
    if (!matched) refuse(`the path segment ${JSON.stringify(segment)} is neither plain text nor one {name} parameter`);
    const parameter = matched![1];
    if (parameter === undefined) continue;
    if (names.includes(parameter)) refuse(`the path names {${parameter}} twice`);
    names.push(parameter);
  }
  return names;
}

function checkParams(params: TSchema | undefined, names: string[], refuse: (rule: string) => never): void {
  if (params === undefined) {
    if (names.length > 0) refuse(`the path has parameters (${names.join(", ")}): declare them in params, an object schema with a property for each`);
    return;
  }
  const properties = objectProperties(params, "params", refuse);
  const declared = Object.keys(properties);
  const missing = names.filter((parameter) => !declared.includes(parameter));
  const extra = declared.filter((property) => !names.includes(property));
  if (missing.length > 0) refuse(`params has no property for the path's {${missing.join("}, {")}}`);
  if (extra.length > 0) refuse(`params declares ${extra.join(", ")}, which the path does not name`);
  const required = (params as { required?: string[] }).required ?? [];
  const optional = names.filter((parameter) => !required.includes(parameter));
  if (optional.length > 0) refuse(`a path parameter is always given: ${optional.join(", ")} must not be optional`);
  for (const [property, schema] of Object.entries(properties)) {
    if (!SCALARS.includes(typeOf(schema) ?? "")) refuse(`params.${property} must be a string, number, integer or boolean`);
  }
}

function checkQuery(query: TSchema, refuse: (rule: string) => never): void {
  for (const [property, schema] of Object.entries(objectProperties(query, "query", refuse))) {
    const type = typeOf(schema);
    const items = type === "array" ? typeOf((schema as { items?: TSchema }).items ?? {}) : type;
    if (!SCALARS.includes(items ?? "")) refuse(`query.${property} must be a string, number, integer or boolean, or an array of one of these`);
  }
}

function checkHeaders(headers: TSchema, refuse: (rule: string) => never): void {
  for (const [name, schema] of Object.entries(objectProperties(headers, "headers", refuse))) {
    if (typeOf(schema) !== "string") refuse(`headers.${name} must be a string (a header's value is text)`);
  }
}

function objectProperties(schema: TSchema, input: string, refuse: (rule: string) => never): Record<string, TSchema> {
  const { type, properties } = schema as { type?: unknown; properties?: Record<string, TSchema> };
  if (type !== "object" || !properties) refuse(`${input} must be an object schema (Type.Object) with a property per parameter`);
  return properties!;
}

/** The JSON type a schema's values have: its `type`, or the one type all its `anyOf` branches share (a union of literals). */
export function typeOf(schema: object): string | undefined {
  const { type, anyOf } = schema as { type?: unknown; anyOf?: object[] };
  if (typeof type === "string") return type;
  const types = new Set((anyOf ?? []).map(typeOf));
  return types.size === 1 ? [...types][0] : undefined;
}
