import type { FieldError } from "../http/problem.js";
import { fieldErrors, type MessageSchema, type SchemaValidator } from "../http/schema-errors.js";
import type { NewOrder, OrderStatus } from "./order.js";
import { DEFAULT_LIMIT, LIST_QUERY_SCHEMA, NEW_ORDER_SCHEMA, STATUS_CHANGE_SCHEMA } from "./schema.js";
import { validateListQuerySchema, validateNewOrderSchema, validateStatusChangeSchema } from "./validators.generated.js";

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

function check<T>(validate: SchemaValidator, schema: MessageSchema, body: unknown): Validated<T> {
  if (validate(body)) return { ok: true, value: body as T };
  return { ok: false, errors: fieldErrors(validate.errors ?? [], schema) };
}
