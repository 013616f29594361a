import { IDEMPOTENCY_KEY } from "../orders/idempotency.js";
import { LIST_QUERY_SCHEMA, NEW_ORDER_SCHEMA, ORDER_PAGE_SCHEMA, ORDER_SCHEMA, STATUS_CHANGE_SCHEMA } from "../orders/schema.js";
import type { ApiDescription } from "./document.js";

const BODY = ["unsupported-media-type", "payload-too-large", "malformed-json", "validation"] as const;

/** The order API of docs/API.md, beside its route table (core/src/orders/http-routes.ts). */
export const ORDER_API: ApiDescription = {
  info: {
    title: "Skyport orders",
    version: "1.0.0",
    description:
      "The same requests get the same answers on AWS Lambda, Google Cloud Functions, Azure Functions and the local server. " +
      "Every error is application/problem+json (RFC 9457); every response carries x-request-id.",
  },
  identity: true,
  operations: {
    "/health": {
      GET: { operationId: "getHealth", summary: "Liveness; touches no store.", responses: { 200: { description: "Up.", schema: "Health" } }, problems: [] },
    },
    "/openapi.json": {
      GET: {
        operationId: "getOpenApi",
        summary: "This document.",
        responses: { 200: { description: "The OpenAPI 3.1 document of the running service.", schema: "OpenApiDocument" } },
        problems: [],
      },
    },
    "/orders": {
      GET: {
        operationId: "listOrders",
        summary: "A customer's orders, newest first, a page at a time.",
        description: "A customer may list only its own orders; an orders:admin caller any customer's.",
        parameters: ["customerId", "limit", "cursor"],
        responses: { 200: { description: "A page.", schema: "OrderPage" } },
        problems: ["validation", "forbidden"],
      },
      POST: {
        operationId: "createOrder",
        summary: "Create an order; with an Idempotency-Key, at most once.",
        description: "A key reused with the same JSON value replays the first 201; with another body 422; while the first runs 409.",
        parameters: ["IdempotencyKey"],
        requestBody: "NewOrder",
        responses: { 201: { description: "Created, or replayed.", schema: "Order", headers: ["Location", "ETag", "Idempotent-Replayed"] } },
        problems: ["forbidden", ...BODY, "idempotency-in-flight", "idempotency-mismatch"],
      },
    },
    "/orders/{id}": {
      GET: {
        operationId: "getOrder",
        summary: "One order.",
        responses: { 200: { description: "The order.", schema: "Order", headers: ["ETag"] } },
        problems: ["not-found"],
      },
      PATCH: {
        operationId: "changeOrderStatus",
        summary: "Move an order to another status: pending -> confirmed | cancelled; confirmed -> shipped | cancelled.",
        description: "A customer may only cancel. Without If-Match a change that lost a race is retried a few times, then 409.",
        parameters: ["IfMatch"],
        requestBody: "StatusChange",
        responses: { 200: { description: "The changed order.", schema: "Order", headers: ["ETag"] } },
        problems: ["forbidden", ...BODY, "not-found", "precondition-failed", "conflict"],
      },
      DELETE: {
        operationId: "deleteOrder",
        summary: "Delete a cancelled order.",
        parameters: ["IfMatch"],
        responses: { 204: { description: "Deleted." } },
        problems: ["validation", "not-found", "precondition-failed", "conflict"],
      },
    },
  },
  schemas: {
    NewOrder: NEW_ORDER_SCHEMA,
    StatusChange: STATUS_CHANGE_SCHEMA,
    Order: ORDER_SCHEMA,
    OrderPage: ORDER_PAGE_SCHEMA,
    Health: { type: "object", required: ["status"], properties: { status: { const: "ok" } } },
    OpenApiDocument: { type: "object", required: ["openapi", "info", "paths"], properties: { openapi: { type: "string" } } },
  },
  parameters: {
    customerId: { name: "customerId", in: "query", required: true, schema: LIST_QUERY_SCHEMA.properties.customerId },
    limit: { name: "limit", in: "query", schema: LIST_QUERY_SCHEMA.properties.limit },
    cursor: { name: "cursor", in: "query", description: LIST_QUERY_SCHEMA.properties.cursor.description, schema: LIST_QUERY_SCHEMA.properties.cursor },
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      description: "Kept at least 24 hours, scoped to the caller.",
      schema: { type: "string", pattern: IDEMPOTENCY_KEY.source },
    },
    IfMatch: {
      name: "If-Match",
      in: "header",
      description: 'The order\'s ETag ("<version>", strong comparison) or *.',
      schema: { type: "string" },
    },
  },
  headers: {
    ETag: { description: 'The order\'s version, quoted: "3".', schema: { type: "string" } },
    Location: { description: "/orders/{id} of the new order.", schema: { type: "string" } },
    "Idempotent-Replayed": { description: "true on a replay of the first response.", schema: { type: "string", enum: ["true"] } },
  },
};
