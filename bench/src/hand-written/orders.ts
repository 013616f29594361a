import type { EventPublisher } from "@skyport/core";
import type { Ids, Order, OrderItem, OrderStore } from "@skyport/core/orders";
import type { PlainObservability } from "./observability.js";

/**
 * The domain work of POST /orders and GET /orders/{id} written the plain way, as one would in a
 * single function without a framework: the same rules, the same answers, byte for byte (the
 * bench checks that before it measures). Only the store, the ids and the publisher are shared
 * with Skyport, so that a comparison measures the layer and nothing else.
 */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface PlainDeps {
  orders: Pick<OrderStore, "create" | "get">;
  ids: Ids;
  /** Where the function publishes order.created itself; absent for an API function that, as Skyport's, leaves it to the store's change feed (the outbox). */
  events?: EventPublisher;
  /** pino and the metric lines: what the function writes besides its answer. */
  observe: PlainObservability;
}

/** The access line at info and the latency metric, at the end of every request, as Skyport writes them. */
export function requestDone(deps: PlainDeps, started: number, fields: { method: string; path: string; status: number } & Record<string, string | number>) {
  const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
  deps.observe.log.info({ ...fields, latencyMs }, "request");
  deps.observe.metric("RequestLatency", latencyMs, "Milliseconds");
}

const PROBLEM = "https://skyport.dev/problems/";
const MAX_BODY_BYTES = 64 * 1024;
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SKU = /^[A-Za-z0-9_.-]{1,64}$/;
const CURRENCY = /^[A-Z]{3}$/;
const ORDER_ID = /^ord_[0-9A-HJKMNP-TV-Z]{26}$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$/;

interface FieldError {
  path: string;
  message: string;
}

export function problem(kind: string, status: number, title: string, detail: string, requestId: string, errors?: FieldError[]): PlainResponse {
  const body = errors ? { type: PROBLEM + kind, title, status, detail, errors } : { type: PROBLEM + kind, title, status, detail };
  return { status, headers: { "content-type": "application/problem+json", "x-request-id": requestId }, body: JSON.stringify(body) };
}

export function requestIdOf(header: string | undefined, platformId: string): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : platformId;
}

export function isJson(contentType: string | undefined): boolean {
  return JSON_MEDIA.test((contentType ?? "").split(";", 1)[0]!.trim().toLowerCase());
}

/** 415, 413 and 400 for a body that is not a JSON value; the parsed value otherwise. */
export function parseJsonBody(
  contentType: string | undefined,
  text: string | undefined,
  byteLength: number,
  requestId: string,
): PlainResponse | { value: unknown } {
  if (!isJson(contentType)) return problem("unsupported-media-type", 415, "Unsupported media type", "Send the body as application/json.", requestId);
  if (byteLength > MAX_BODY_BYTES) return problem("payload-too-large", 413, "Payload too large", `The body may be at most ${MAX_BODY_BYTES} bytes.`, requestId);
  try {
    return { value: JSON.parse(text ?? "") };
  } catch {
    return problem("malformed-json", 400, "Malformed JSON", "The body is not valid JSON.", requestId);
  }
}

function validate(body: unknown): FieldError[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return [{ path: "", message: "must be a JSON object" }];
  const errors: FieldError[] = [];
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (key !== "customerId" && key !== "items" && key !== "currency")
      errors.push({ path: `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`, message: "unknown field" });
  }
  if (typeof input.customerId !== "string" || !CUSTOMER_ID.test(input.customerId)) {
    errors.push({ path: "/customerId", message: "must be 1-64 characters of A-Z, a-z, 0-9, _ or -" });
  }
  if (typeof input.currency !== "string" || !CURRENCY.test(input.currency)) errors.push({ path: "/currency", message: "must be three upper-case letters" });
  validateItems(input.items, errors);
  return errors;
}

function validateItems(items: unknown, errors: FieldError[]): void {
  if (!Array.isArray(items) || items.length < 1 || items.length > 100) {
    errors.push({ path: "/items", message: "must be an array of 1-100 items" });
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Record<string, unknown>;
    const at = `/items/${i}`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      errors.push({ path: at, message: "must be an object" });
      continue;
    }
    for (const key of Object.keys(item)) {
      if (key !== "sku" && key !== "quantity" && key !== "unitPrice")
        errors.push({ path: `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`, message: "unknown field" });
    }
    if (typeof item.sku !== "string" || !SKU.test(item.sku)) errors.push({ path: `${at}/sku`, message: "must be 1-64 characters of A-Z, a-z, 0-9, _, . or -" });
    if (!isInteger(item.quantity, 1, 1000)) errors.push({ path: `${at}/quantity`, message: "must be an integer from 1 to 1000" });
    if (!isInteger(item.unitPrice, 0, 100_000_000)) errors.push({ path: `${at}/unitPrice`, message: "must be an integer from 0 to 100000000 (minor units)" });
  }
}

function isInteger(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** POST /orders with a parsed body: validate, store, publish order.created, answer 201. */
export async function createOrder(deps: PlainDeps, body: unknown, requestId: string): Promise<PlainResponse> {
  const errors = validate(body);
  if (errors.length) return problem("validation", 400, "Validation failed", "The request is not valid.", requestId, errors);
  const input = body as { customerId: string; items: OrderItem[]; currency: string };
  const now = new Date().toISOString();
  let total = 0;
  const items = input.items.map(({ sku, quantity, unitPrice }) => {
    total += quantity * unitPrice;
    return { sku, quantity, unitPrice };
  });
  const order: Order = {
    id: deps.ids.orderId(),
    customerId: input.customerId,
    items,
    currency: input.currency,
    total,
    status: "pending",
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.orders.create(order);
  deps.observe.log.info({ requestId, orderId: order.id }, "order created");
  deps.observe.metric("OrdersCreated", 1, "Count");
  await deps.events?.publish({ type: "order.created", orderId: order.id });
  return {
    status: 201,
    headers: { "content-type": "application/json", etag: '"1"', location: `/orders/${order.id}`, "x-request-id": requestId },
    body: JSON.stringify(order),
  };
}

/** GET /orders/{id}: 200 with the order and its ETag, or 404. */
export async function getOrder(deps: PlainDeps, id: string, requestId: string): Promise<PlainResponse> {
  const order = ORDER_ID.test(id) ? await deps.orders.get(id) : null;
  if (!order) return problem("not-found", 404, "Not found", `Order ${id} does not exist.`, requestId);
  return {
    status: 200,
    headers: { "content-type": "application/json", etag: `"${order.version}"`, "x-request-id": requestId },
    body: JSON.stringify(order),
  };
}

/** 404 for any other path, 405 with Allow for another method on a known one. */
export function otherRoute(path: string, method: string, requestId: string): PlainResponse {
  if (path === "/orders") return methodNotAllowed("/orders", "GET, HEAD, POST, OPTIONS", requestId);
  if (/^\/orders\/[^/]+$/.test(path)) return methodNotAllowed("/orders/{id}", "GET, HEAD, PATCH, DELETE, OPTIONS", requestId);
  if (path === "/health" && method !== "GET") return methodNotAllowed("/health", "GET, HEAD, OPTIONS", requestId);
  return problem("not-found", 404, "Not found", "No such resource.", requestId);
}

function methodNotAllowed(route: string, allow: string, requestId: string): PlainResponse {
  const response = problem("method-not-allowed", 405, "Method not allowed", `${route} allows ${allow}.`, requestId);
  return { ...response, headers: { "content-type": "application/problem+json", allow, "x-request-id": requestId } };
}

export function health(requestId: string): PlainResponse {
  return { status: 200, headers: { "content-type": "application/json", "x-request-id": requestId }, body: '{"status":"ok"}' };
}
