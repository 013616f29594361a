import type { FieldError } from "../http/problem.js";
import type { NewOrder, OrderStatus } from "./order.js";
import { DEFAULT_LIMIT, LIST_QUERY_SCHEMA, NEW_ORDER_SCHEMA, STATUS_CHANGE_SCHEMA } from "./schema.js";
import { type SchemaError, type SchemaValidator, validateListQuerySchema, validateNewOrderSchema, validateStatusChangeSchema } from "./validators.generated.js";

export type { FieldError } from "../http/problem.js";

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A `POST /orders` body, or what is wrong with it: one error per field, its path a JSON Pointer (the bulk import reuses this). */
export function validateNewOrder(body: unknown): Validated<NewOrder> {
  return check(validateNewOrderSchema, NEW_ORDER_SCHEMA, body);
}

export function validateStatusChange(body: unknown): Validated<OrderStatus> {
  const result = check<{ status: OrderStatus }>(validateStatusChangeSchema, STATUS_CHANGE_SCHEMA, body);
  return result.ok ? { ok: true, value: result.value.status } : result;
}

export interface ListQuery {
  customerId: string;
  limit: number;
  cursor?: string;
}

/**
 * `GET /orders`'s query, or what is wrong with it: a parameter given twice, else what the schema
 * says, each error at the parameter's name (a query has no JSON Pointer). Unknown parameters are ignored.
 */
export function validateListQuery(query: URLSearchParams): Validated<ListQuery> {
  const twice = [...new Set(query.keys())].filter((name) => name in LIST_QUERY_SCHEMA.properties && query.getAll(name).length > 1);
  if (twice.length > 0) return { ok: false, errors: twice.map((path) => ({ path, message: "must appear once" })) };
  const given: Record<string, unknown> = {};
  for (const name of Object.keys(LIST_QUERY_SCHEMA.properties)) {
    const value = query.get(name);
    if (value !== null) given[name] = name === "limit" && /^\d+$/.test(value) ? Number(value) : value;
  }
  const result = check<Omit<ListQuery, "limit"> & { limit?: number }>(validateListQuerySchema, LIST_QUERY_SCHEMA, given);
  if (!result.ok) return { ok: false, errors: result.errors.map(({ path, message }) => ({ path: path.slice(1), message })) };
  return { ok: true, value: { ...result.value, limit: result.value.limit ?? DEFAULT_LIMIT } };
}

interface MessageSchema {
  "x-error-message"?: string;
  properties?: Record<string, MessageSchema>;
  items?: MessageSchema;
}

function check<T>(validate: SchemaValidator, schema: MessageSchema, body: unknown): Validated<T> {
  if (validate(body)) return { ok: true, value: body as T };
  return { ok: false, errors: fieldErrors(validate.errors ?? [], schema) };
}

/**
 * Ajv's errors as the API reports them: a missing or unknown field at its own path, one error
 * per path (a field with two broken keywords is one mistake), none below a path already wrong
 * (an over-long item list is one error, not one per item), worded by the schema's x-error-message,
 * in the schema's order: at each level unknown fields first, then the declared ones as declared.
 */
function fieldErrors(errors: readonly SchemaError[], schema: MessageSchema): FieldError[] {
  // An unknown field's message is known here; the others come from the schema (undefined until then).
  const byPath = new Map<string, string | undefined>();
  for (const error of errors) {
    const { missingProperty, additionalProperty } = error.params;
    if (error.keyword === "additionalProperties" && additionalProperty !== undefined) {
      byPath.set(`${error.instancePath}/${pointerEscape(additionalProperty)}`, "unknown field");
      continue;
    }
    const path = error.keyword === "required" && missingProperty !== undefined ? `${error.instancePath}/${missingProperty}` : error.instancePath;
    if (!byPath.has(path)) byPath.set(path, undefined);
  }
  return [...byPath.keys()]
    .filter((path) => !hasWrongAncestor(byPath, path))
    .map((path) => ({ path, given: byPath.get(path), ...locate(schema, path) }))
    .sort((a, b) => compareRanks(a.rank, b.rank))
    .map(({ path, given, message }) => ({ path, message: given ?? message }));
}

/** Whether a path lies below another that is already wrong: a walk up its few segments, not a search of every error. */
function hasWrongAncestor(wrong: ReadonlyMap<string, unknown>, path: string): boolean {
  for (let end = path.lastIndexOf("/"); end > 0; end = path.lastIndexOf("/", end - 1)) if (wrong.has(path.slice(0, end))) return true;
  return path !== "" && wrong.has("");
}

/** Each schema's properties by name with their place, built once: schemas are constants. */
const PLACES = new WeakMap<MessageSchema, Map<string, { place: number; schema: MessageSchema }>>();

function placesOf(properties: Record<string, MessageSchema>): Map<string, { place: number; schema: MessageSchema }> {
  let places = PLACES.get(properties);
  if (!places) {
    places = new Map(Object.entries(properties).map(([name, schema], i) => [name, { place: i + 1, schema }]));
    PLACES.set(properties, places);
  }
  return places;
}

/**
 * The schema's message for a path, and where the path sits in the schema: per segment, 0 for an
 * unknown field, else its place among the properties, or the item's index.
 */
function locate(schema: MessageSchema, path: string): { message: string; rank: number[] } {
  const rank: number[] = [];
  let at: MessageSchema | undefined = schema;
  for (const segment of path.split("/").slice(1)) {
    if (at?.properties) {
      const found = placesOf(at.properties).get(segment.includes("~") ? segment.replaceAll("~1", "/").replaceAll("~0", "~") : segment);
      rank.push(found?.place ?? 0);
      at = found?.schema;
    } else {
      rank.push(Number(segment));
      at = at?.items;
    }
  }
  return { message: at?.["x-error-message"] ?? "is not valid", rank };
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function pointerEscape(key: string): string {
  return /[~/]/.test(key) ? key.replaceAll("~", "~0").replaceAll("/", "~1") : key;
}
