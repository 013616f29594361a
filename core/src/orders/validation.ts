import type { FieldError } from "../http/problem.js";
import { ORDER_STATUSES, type NewOrder, type OrderStatus } from "./order.js";

export type { FieldError } from "../http/problem.js";

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SKU = /^[A-Za-z0-9_.-]{1,64}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_ITEMS = 100;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rejectUnknown(value: Record<string, Json>, allowed: readonly string[], at: string, errors: FieldError[]) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push({ path: `${at}/${pointerEscape(key)}`, message: "unknown field" });
  }
}

function pointerEscape(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

function integerIn(value: Json, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

export function validateNewOrder(body: Json): Validated<NewOrder> {
  const errors: FieldError[] = [];
  if (!isObject(body)) return { ok: false, errors: [{ path: "", message: "must be a JSON object" }] };
  rejectUnknown(body, ["customerId", "items", "currency"], "", errors);

  if (typeof body.customerId !== "string" || !CUSTOMER_ID.test(body.customerId)) {
    errors.push({ path: "/customerId", message: "must be 1-64 characters of A-Z, a-z, 0-9, _ or -" });
  }
  if (typeof body.currency !== "string" || !CURRENCY.test(body.currency)) {
    errors.push({ path: "/currency", message: "must be three upper-case letters" });
  }
  const items = body.items;
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) {
    errors.push({ path: "/items", message: `must be an array of 1-${MAX_ITEMS} items` });
  } else {
    items.forEach((item, i) => {
      validateItem(item, `/items/${i}`, errors);
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: body as unknown as NewOrder };
}

function validateItem(item: Json, at: string, errors: FieldError[]) {
  if (!isObject(item)) {
    errors.push({ path: at, message: "must be an object" });
    return;
  }
  rejectUnknown(item, ["sku", "quantity", "unitPrice"], at, errors);
  if (typeof item.sku !== "string" || !SKU.test(item.sku)) {
    errors.push({ path: `${at}/sku`, message: "must be 1-64 characters of A-Z, a-z, 0-9, _, . or -" });
  }
  if (!integerIn(item.quantity, 1, 1000)) {
    errors.push({ path: `${at}/quantity`, message: "must be an integer from 1 to 1000" });
  }
  if (!integerIn(item.unitPrice, 0, 100_000_000)) {
    errors.push({ path: `${at}/unitPrice`, message: "must be an integer from 0 to 100000000 (minor units)" });
  }
}

export function validateStatusChange(body: Json): Validated<OrderStatus> {
  if (!isObject(body)) return { ok: false, errors: [{ path: "", message: "must be a JSON object" }] };
  const errors: FieldError[] = [];
  rejectUnknown(body, ["status"], "", errors);
  const status = body.status;
  if (typeof status !== "string" || !ORDER_STATUSES.includes(status as OrderStatus)) {
    errors.push({ path: "/status", message: `must be one of ${ORDER_STATUSES.join(", ")}` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: status as OrderStatus };
}
