/**
 * The order API's bodies as JSON Schema (2020-12, the dialect of OpenAPI 3.1): one source for the
 * request validation (compiled ahead of time into validators.generated.js by
 * core/scripts/compile-validators.mjs) and for /openapi.json. `x-error-message` is what a 400
 * says about a field that breaks its schema.
 */
import { IDEMPOTENCY_KEY } from "../idempotency/keys.js";
import { ORDER_STATUSES } from "./order.js";

export const CUSTOMER_ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";
const SKU_PATTERN = "^[A-Za-z0-9_.-]{1,64}$";
const CURRENCY_PATTERN = "^[A-Z]{3}$";
export const MAX_ITEMS = 100;
/** `GET /orders`: the page size when the query names none, and the largest it may name. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** A cursor is opaque, and never longer than this. */
export const MAX_CURSOR_LENGTH = 2048;
/** What a shipment record carries (API.md, Shipments): 1-64 printable characters. */
const PRINTABLE_1_64 = "^[\\x20-\\x7e]{1,64}$";

const customerId = {
  type: "string",
  pattern: CUSTOMER_ID_PATTERN,
  examples: ["cus_42"],
  "x-error-message": "must be 1-64 characters of A-Z, a-z, 0-9, _ or -",
} as const;
const currency = { type: "string", pattern: CURRENCY_PATTERN, examples: ["EUR"], "x-error-message": "must be three upper-case letters" } as const;
const status = { type: "string", enum: ORDER_STATUSES, "x-error-message": `must be one of ${ORDER_STATUSES.join(", ")}` } as const;

export const ORDER_ITEM_SCHEMA = {
  type: "object",
  required: ["sku", "quantity", "unitPrice"],
  additionalProperties: false,
  properties: {
    sku: { type: "string", pattern: SKU_PATTERN, "x-error-message": "must be 1-64 characters of A-Z, a-z, 0-9, _, . or -" },
    quantity: { type: "integer", minimum: 1, maximum: 1000, "x-error-message": "must be an integer from 1 to 1000" },
    unitPrice: {
      type: "integer",
      minimum: 0,
      maximum: 100_000_000,
      description: "Integer minor units.",
      "x-error-message": "must be an integer from 0 to 100000000 (minor units)",
    },
  },
  "x-error-message": "must be an object",
} as const;

/** The body of `POST /orders`. */
export const NEW_ORDER_SCHEMA = {
  $id: "NewOrder",
  type: "object",
  required: ["customerId", "items", "currency"],
  additionalProperties: false,
  properties: {
    customerId,
    currency,
    items: {
      type: "array",
      minItems: 1,
      maxItems: MAX_ITEMS,
      items: ORDER_ITEM_SCHEMA,
      "x-error-message": `must be an array of 1-${MAX_ITEMS} items`,
    },
  },
  "x-error-message": "must be a JSON object",
} as const;

/** The body of `PATCH /orders/{id}`. */
export const STATUS_CHANGE_SCHEMA = {
  $id: "StatusChange",
  type: "object",
  required: ["status"],
  additionalProperties: false,
  properties: { status },
  "x-error-message": "must be a JSON object",
} as const;

/** What the service answers; documented, not validated at run time. */
export const ORDER_SCHEMA = {
  $id: "Order",
  type: "object",
  required: ["id", "customerId", "items", "currency", "total", "status", "createdAt", "updatedAt", "version"],
  additionalProperties: false,
  properties: {
    id: { type: "string", pattern: "^ord_[0-9A-HJKMNP-TV-Z]{26}$", description: "Server-generated, URL-safe, sortable by creation time." },
    customerId,
    items: { type: "array", minItems: 1, maxItems: MAX_ITEMS, items: ORDER_ITEM_SCHEMA },
    currency,
    total: { type: "integer", minimum: 0, description: "Integer minor units: the sum of quantity x unitPrice." },
    status,
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
    version: { type: "integer", minimum: 1, description: "Increases by 1 on every change; the ETag is its quoted value." },
    shipment: {
      type: "object",
      description: "How the order left the warehouse: present once a shipment record made it shipped.",
      required: ["shipmentId", "carrier", "trackingNumber", "dispatchedAt"],
      additionalProperties: false,
      properties: {
        shipmentId: { type: "string", pattern: PRINTABLE_1_64 },
        carrier: { type: "string", pattern: PRINTABLE_1_64 },
        trackingNumber: { type: "string", pattern: PRINTABLE_1_64 },
        dispatchedAt: { type: "string", description: "ISO 8601, as the warehouse sent it." },
      },
    },
  },
} as const;

/** A page of `GET /orders`. */
export const ORDER_PAGE_SCHEMA = {
  $id: "OrderPage",
  type: "object",
  required: ["items", "nextCursor"],
  additionalProperties: false,
  properties: {
    items: { type: "array", items: ORDER_SCHEMA, description: "Newest first." },
    nextCursor: { type: ["string", "null"], description: "Null on the page that holds the last order, even when it is exactly full." },
  },
} as const;

/**
 * `GET /orders`'s query, each parameter given once, `limit` as a number where it is all digits (a
 * query is text): the validator and /openapi.json's parameters read the same properties.
 */
export const LIST_QUERY_SCHEMA = {
  type: "object",
  required: ["customerId"],
  properties: {
    customerId: { ...customerId, "x-error-message": "is required: 1-64 characters of A-Z, a-z, 0-9, _ or -" },
    limit: {
      type: "integer",
      minimum: 1,
      maximum: MAX_LIMIT,
      default: DEFAULT_LIMIT,
      "x-error-message": `must be an integer from 1 to ${MAX_LIMIT}`,
    },
    cursor: {
      type: "string",
      minLength: 1,
      maxLength: MAX_CURSOR_LENGTH,
      description: "The nextCursor of the previous page; opaque, and only for the customer it came from.",
      "x-error-message": "is not a cursor this list issued",
    },
  },
} as const;

/** `/orders/{id}`'s path parameter: any text (an id that is no order's id is a 404, not a 400). */
export const ORDER_ID_PARAMS_SCHEMA = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1 } },
} as const;

/** The headers POST /orders reads: a key makes the create happen at most once. */
export const CREATE_HEADERS_SCHEMA = {
  type: "object",
  properties: {
    "Idempotency-Key": {
      type: "string",
      pattern: IDEMPOTENCY_KEY.source,
      description: "Kept at least 24 hours, scoped to the caller.",
      "x-error-message": "must be 1-255 visible ASCII characters",
    },
  },
} as const;

/** The header PATCH and DELETE /orders/{id} read: the change happens only to the version it names (parsed, and refused, by the route). */
export const IF_MATCH_HEADERS_SCHEMA = {
  type: "object",
  properties: { "If-Match": { type: "string", description: 'The order\'s ETag ("<version>", strong comparison) or *.' } },
} as const;

/** What GET /health answers. */
export const HEALTH_SCHEMA = { $id: "Health", type: "object", required: ["status"], properties: { status: { const: "ok" } } } as const;

/** The schemas compiled into validators, by the name of the function that checks each. */
export const VALIDATED_SCHEMAS = {
  validateNewOrderSchema: NEW_ORDER_SCHEMA,
  validateStatusChangeSchema: STATUS_CHANGE_SCHEMA,
  validateListQuerySchema: LIST_QUERY_SCHEMA,
  validateOrderIdParamsSchema: ORDER_ID_PARAMS_SCHEMA,
  validateCreateHeadersSchema: CREATE_HEADERS_SCHEMA,
  validateIfMatchHeadersSchema: IF_MATCH_HEADERS_SCHEMA,
} as const;
