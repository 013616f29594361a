import type { TUnsafe } from "typebox";
import type { Context } from "../function/context.js";
import type { HttpResponse } from "../function/http.js";
import { checkIfMatch, etag, parseIfMatch } from "../http/conditions.js";
import type { DeclaredRoutes } from "../http/declared-routes.js";
import { declaredRouteTable } from "../http/declared-routes.js";
import { json } from "../http/json.js";
import { Problem, invalid } from "../http/problem.js";
import { route } from "../http/route.js";
import type { Route } from "../http/router.js";
import { registerValidators, schemaKey } from "../http/schema-validators.js";
import { type DeclaredApi, declaredApiDocument } from "../openapi/declared-api.js";
import { documentRoute } from "../openapi/route.js";
import { InvalidCursor, VersionConflict } from "../ports/errors.js";
import { ORDER_ID_PATTERN } from "./ids.js";
import { ADMIN_SCOPE, accessOf, mayRead, peekField, requireCustomer } from "./access.js";
import { createOrderIdempotently } from "./create-order.js";
import type { OrderDeps } from "./deps.js";
import type { NewOrder, Order, OrderStatus } from "./order.js";
import {
  CREATE_HEADERS_SCHEMA,
  DEFAULT_LIMIT,
  HEALTH_SCHEMA,
  IF_MATCH_HEADERS_SCHEMA,
  LIST_QUERY_SCHEMA,
  NEW_ORDER_SCHEMA,
  ORDER_ID_PARAMS_SCHEMA,
  ORDER_PAGE_SCHEMA,
  ORDER_SCHEMA,
  STATUS_CHANGE_SCHEMA,
} from "./schema.js";
import { canDelete, canTransition, withStatus } from "./status.js";
import {
  validateCreateHeadersSchema,
  validateIfMatchHeadersSchema,
  validateListQuerySchema,
  validateNewOrderSchema,
  validateOrderIdParamsSchema,
  validateStatusChangeSchema,
} from "./validators.generated.js";

// The order schemas' validators, compiled ahead of time (core/scripts/compile-validators.mjs): the routes find them by key, no build compiles them again.
registerValidators({
  [schemaKey(NEW_ORDER_SCHEMA)]: validateNewOrderSchema,
  [schemaKey(STATUS_CHANGE_SCHEMA)]: validateStatusChangeSchema,
  [schemaKey(LIST_QUERY_SCHEMA)]: validateListQuerySchema,
  [schemaKey(ORDER_ID_PARAMS_SCHEMA)]: validateOrderIdParamsSchema,
  [schemaKey(CREATE_HEADERS_SCHEMA)]: validateCreateHeadersSchema,
  [schemaKey(IF_MATCH_HEADERS_SCHEMA)]: validateIfMatchHeadersSchema,
});

/** Without If-Match, a PATCH that lost a race re-reads and tries again this many times. */
const UNCONDITIONAL_ATTEMPTS = 3;

/** The order API's title, version and description in its GET /openapi.json. */
export const ORDER_INFO = {
  title: "Skyport orders",
  version: "1.0.0",
  description:
    "The same requests get the same answers on AWS Lambda, Google Cloud Functions, Azure Functions and the local server. " +
    "Every error is application/problem+json (RFC 9457); every response carries x-request-id.",
};

/** What the order API's GET /openapi.json says beside its routes: its info, and that a route that is not open needs a token. */
export const ORDER_API_INFO: DeclaredApi = { info: ORDER_INFO, identity: true };

/** One of the order API's JSON Schemas as a TypeBox schema of `T` (what TypeBox's Unsafe<T> types), with no TypeBox in the bundle. */
const typed = <T>(schema: object) => schema as TUnsafe<T>;
const newOrder = typed<NewOrder>(NEW_ORDER_SCHEMA);
const statusChange = typed<{ status: OrderStatus }>(STATUS_CHANGE_SCHEMA);
const listQuery = typed<{ customerId: string; limit?: number; cursor?: string }>(LIST_QUERY_SCHEMA);
const orderId = typed<{ id: string }>(ORDER_ID_PARAMS_SCHEMA);
const order = typed<Order>(ORDER_SCHEMA);
const ifMatch = typed(IF_MATCH_HEADERS_SCHEMA);
const etagHeader = { ETag: { description: 'The order\'s version, quoted: "3".' } };

function orderResponse(status: number, order: Order, location?: string): HttpResponse {
  const headers: Record<string, string> = { "content-type": "application/json", etag: etag(order.version) };
  if (location !== undefined) headers.location = location;
  return { status, headers, body: JSON.stringify(order) };
}

const access = (context: Context, deps: OrderDeps) => accessOf(context, deps.customerClaim ?? "sub");

/**
 * The order, or 404: also for another customer's order, whose existence a customer never learns.
 * A GET may read it from the order cache; a write reads the store, whose version it holds on.
 */
async function load(deps: OrderDeps, id: string, context: Context, cached = false): Promise<Order> {
  const found = ORDER_ID_PATTERN.test(id) ? await deps.orders.get(id, { cached }) : null;
  if (!found || !mayRead(access(context, deps), found.customerId)) throw new Problem("not-found", `Order ${id} does not exist.`);
  return found;
}

/** The route table of docs/API.md, declared: each request checked against its schemas before the handler, and /openapi.json made from them. */
export const ORDER_ROUTES: DeclaredRoutes<OrderDeps> = [
  route(
    {
      method: "GET",
      path: "/health",
      operationId: "getHealth",
      summary: "Liveness; touches no store.",
      open: true,
      answers: { 200: { description: "Up.", body: typed(HEALTH_SCHEMA) } },
    },
    async () => json(200, { status: "ok" }),
  ),
  route(
    {
      method: "GET",
      path: "/orders",
      operationId: "listOrders",
      summary: "A customer's orders, newest first, a page at a time.",
      description: "A customer may list only its own orders; an orders:admin caller any customer's.",
      query: listQuery,
      answers: { 200: { description: "A page.", body: typed(ORDER_PAGE_SCHEMA) } },
      problems: ["forbidden"],
      authorize(request, deps: OrderDeps, context) {
        const requested = request.query.getAll("customerId");
        if (requested.length === 1) requireCustomer(access(context, deps), requested[0], "list");
      },
    },
    async ({ query }, deps: OrderDeps) => {
      try {
        // The store's cursor as it is: opaque, and bound to this customer's list.
        const page = await deps.orders.listByCustomer(query.customerId, { limit: query.limit ?? DEFAULT_LIMIT, after: query.cursor });
        return json(200, { items: page.items, nextCursor: page.next });
      } catch (error) {
        if (error instanceof InvalidCursor) throw invalid([{ path: "cursor", message: LIST_QUERY_SCHEMA.properties.cursor["x-error-message"] }]);
        throw error;
      }
    },
  ),
  route(
    {
      method: "POST",
      path: "/orders",
      operationId: "createOrder",
      summary: "Create an order; with an Idempotency-Key, at most once.",
      description: "A key reused with the same JSON value replays the first 201; with another body 422; while the first runs 409.",
      headers: typed(CREATE_HEADERS_SCHEMA),
      body: newOrder,
      answers: {
        201: {
          description: "Created, or replayed.",
          body: order,
          headers: {
            Location: { description: "/orders/{id} of the new order." },
            ...etagHeader,
            "Idempotent-Replayed": { description: "true on a replay of the first response.", schema: typed({ type: "string", enum: ["true"] }) },
          },
        },
      },
      problems: ["forbidden", "idempotency-in-flight", "idempotency-mismatch"],
      authorize(request, deps: OrderDeps, context) {
        const caller = access(context, deps);
        if (caller) requireCustomer(caller, peekField(request.body, "customerId") ?? caller.customerId, "create");
      },
    },
    ({ body, request }, deps: OrderDeps, context) =>
      createOrderIdempotently(deps, body, request, context, (created) => orderResponse(201, created, `/orders/${created.id}`)),
  ),
  route(
    {
      method: "GET",
      path: "/orders/{id}",
      operationId: "getOrder",
      summary: "One order.",
      params: orderId,
      answers: { 200: { description: "The order.", body: order, headers: etagHeader } },
      problems: ["not-found"],
    },
    async ({ params }, deps: OrderDeps, context) => orderResponse(200, await load(deps, params.id, context, true)),
  ),
  route(
    {
      method: "PATCH",
      path: "/orders/{id}",
      operationId: "changeOrderStatus",
      summary: "Move an order to another status: pending -> confirmed | cancelled; confirmed -> shipped | cancelled.",
      description: "A customer may only cancel. Without If-Match a change that lost a race is retried a few times, then 409.",
      params: orderId,
      headers: ifMatch,
      body: statusChange,
      answers: { 200: { description: "The changed order.", body: order, headers: etagHeader } },
      problems: ["forbidden", "not-found", "precondition-failed", "conflict"],
      authorize(request, deps: OrderDeps, context) {
        const caller = access(context, deps);
        const status = peekField(request.body, "status");
        if (caller && !caller.admin && status !== "cancelled" && status !== undefined) {
          throw new Problem("forbidden", `A customer may only cancel an order; other changes need the ${ADMIN_SCOPE} scope.`);
        }
      },
    },
    async ({ params, body, request }, deps: OrderDeps, context) => {
      const ifMatch = parseIfMatch(request.headers["if-match"]);
      for (let attempt = 1; ; attempt++) {
        const current = await load(deps, params.id, context);
        checkIfMatch(ifMatch, current.version);
        if (!canTransition(current.status, body.status)) {
          throw new Problem("conflict", `An order that is ${current.status} cannot become ${body.status}.`);
        }
        const updated = withStatus(current, body.status, deps.clock.now());
        try {
          await deps.orders.update(updated, current.version);
          return orderResponse(200, updated);
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error;
          if (ifMatch !== undefined) throw new Problem("precondition-failed", "The order changed meanwhile.");
          if (attempt >= UNCONDITIONAL_ATTEMPTS) throw new Problem("conflict", "The order is changing; try again.");
        }
      }
    },
  ),
  route(
    {
      method: "DELETE",
      path: "/orders/{id}",
      operationId: "deleteOrder",
      summary: "Delete a cancelled order.",
      params: orderId,
      headers: ifMatch,
      answers: { 204: { description: "Deleted." } },
      problems: ["not-found", "precondition-failed", "conflict"],
    },
    async ({ params, request }, deps: OrderDeps, context) => {
      const ifMatch = parseIfMatch(request.headers["if-match"]);
      const current = await load(deps, params.id, context);
      checkIfMatch(ifMatch, current.version);
      if (!canDelete(current)) throw new Problem("conflict", `Only cancelled orders can be deleted; this one is ${current.status}.`);
      try {
        await deps.orders.delete(current.id, current.version);
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
        throw new Problem(ifMatch === undefined ? "conflict" : "precondition-failed", "The order changed meanwhile.");
      }
      return { status: 204, headers: {} };
    },
  ),
];

/** The order API as a route table (`http(orderRoutes)`): its declared routes and their GET /openapi.json, as `http(ORDER_ROUTES)` serves them. */
export function orderRoutes(deps: OrderDeps): Route[] {
  return [...declaredRouteTable(ORDER_ROUTES, deps), documentRoute(() => declaredApiDocument(ORDER_ROUTES, ORDER_API_INFO))];
}
