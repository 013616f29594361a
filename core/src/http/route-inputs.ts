import type { TSchema } from "typebox";
import type { HttpRequest } from "../function/http.js";
import { readJsonBody } from "./body.js";
import type { InputSchema, RouteSpec } from "./declared-route.js";
import { type FieldError, invalid } from "./problem.js";
import { typeOf } from "./route.js";
import { fieldErrors, type MessageSchema, type SchemaValidator } from "./schema-errors.js";
import { validatorOf } from "./schema-validators.js";

/** A route's inputs as its handler gets them: each checked against its schema, `undefined` where it has none. */
export interface CheckedInputs {
  body: unknown;
  query: unknown;
  params: unknown;
}

interface Checker {
  schema: TSchema;
  validate: SchemaValidator;
}

/**
 * The check of a route's inputs, its validators found now (at bind: a schema without one fails
 * here, never at a request). It answers one 400 `validation` problem with every broken rule of
 * the path parameters, then the query, then the headers, then the body: a body's errors at their JSON Pointer
 * (`/title`, `/tags/0`), a path or query parameter's or a header's at its name (`id`, `limit`, `tags/1` for a
 * repeated one's second value), as the order API names its query's (a query has no JSON Pointer).
 * Query parameters are read by the schema's properties (others are ignored): text, coerced to
 * the schema's number, integer or boolean, every value of a repeated one where it is an array,
 * else "must appear once". A body that is not JSON is the 400 `malformed-json` (415, 413 before it).
 */
export function inputsChecker(spec: RouteSpec<InputSchema, InputSchema, InputSchema>): (request: HttpRequest, params: Record<string, string>) => CheckedInputs {
  const where = (input: string) => `route ${spec.method} ${spec.path}'s ${input} schema`;
  const checker = (schema: TSchema | undefined, input: string): Checker | undefined => schema && { schema, validate: validatorOf(schema, where(input)) };
  const body = checker(spec.body, "body");
  const query = checker(spec.query, "query");
  const params = checker(spec.params, "params");
  const headers = checker(spec.headers, "headers");
  return (request, given) => {
    const errors: FieldError[] = [];
    const checked = { body: body && readJsonBody(request), query: undefined as unknown, params: undefined as unknown };
    if (params)
      checked.params = check(
        params,
        parameters(params.schema, (name) => [given[name]!].filter((value) => value !== undefined), errors),
        errors,
        "",
      );
    if (query)
      checked.query = check(
        query,
        parameters(query.schema, (name) => request.query.getAll(name), errors),
        errors,
        "",
      );
    if (headers)
      check(
        headers,
        parameters(headers.schema, (name) => [request.headers[name.toLowerCase()]!].filter((value) => value !== undefined), errors),
        errors,
        "",
      );
    if (body) check(body, checked.body, errors, "/");
    if (errors.length > 0) throw invalid(errors);
    return checked;
  };
}

/** The value, with the schema's errors added to `errors`, their paths starting with `prefix` ("/" for a body's pointers, "" for names). */
function check({ schema, validate }: Checker, value: unknown, errors: FieldError[], prefix: string): unknown {
  if (validate(value)) return value;
  const reported = new Set(errors.map((error) => error.path));
  for (const { path, message } of fieldErrors(validate.errors ?? [], schema as MessageSchema)) {
    const named = prefix === "/" ? path : path.slice(1);
    if (!reported.has(named)) errors.push({ path: named, message });
  }
  return value;
}

/** The parameters the schema declares, as an object of values coerced to its types; one given twice where one is wanted is an error. */
function parameters(schema: TSchema, valuesOf: (name: string) => string[], errors: FieldError[]): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  const object: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const values = valuesOf(name);
    if (values.length === 0) continue;
    const type = typeOf(property);
    if (type === "array") object[name] = values.map((value) => coerce(value, typeOf((property as { items?: TSchema }).items ?? {})));
    else if (values.length > 1) errors.push({ path: name, message: "must appear once" });
    else object[name] = coerce(values[0]!, type);
  }
  return object;
}

/** A parameter's text as the schema's type, where it reads as one; else the text, for the schema to refuse. */
function coerce(text: string, type: string | undefined): unknown {
  if (type === "integer" && /^-?\d+$/.test(text)) return Number(text);
  if (type === "number" && /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}
