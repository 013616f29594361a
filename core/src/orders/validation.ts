import type { FieldError } from "../http/problem.js";
import { fieldErrors } from "../http/schema-errors.js";
import type { NewOrder } from "./order.js";
import { NEW_ORDER_SCHEMA } from "./schema.js";
import { validateNewOrderSchema } from "./validators.generated.js";

export type { FieldError } from "../http/problem.js";

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * An order of the bulk import, or what is wrong with it: one error per field, its path a JSON
 * Pointer, as POST /orders reports its declared body's (the same schema and compiled validator).
 */
export function validateNewOrder(body: unknown): Validated<NewOrder> {
  if (validateNewOrderSchema(body)) return { ok: true, value: body as NewOrder };
  return { ok: false, errors: fieldErrors(validateNewOrderSchema.errors ?? [], NEW_ORDER_SCHEMA) };
}
