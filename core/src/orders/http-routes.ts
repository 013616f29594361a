import type { Context } from "../function/context.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import { readJsonBody } from "../http/body.js";
import { checkIfMatch, etag, parseIfMatch } from "../http/conditions.js";
import { json } from "../http/json.js";
import { Problem, invalid } from "../http/problem.js";
import type { Route } from "../http/router.js";
import { VersionConflict } from "../ports/errors.js";
import { ORDER_ID_PATTERN } from "../ports/ids.js";
import { ADMIN_SCOPE, accessOf, mayRead, peekField, requireCustomer } from "./access.js";
import type { OrderDeps } from "./deps.js";
import { createOrderIdempotently } from "./create-order.js";
import { ORDER_API } from "../openapi/orders.js";
import { openApiRoute } from "../openapi/route.js";
import type { Order } from "./order.js";
import { canDelete, canTransition, withStatus } from "./status.js";
import { type ListQuery, validateListQuery, validateStatusChange } from "./validation.js";

/** Without If-Match, a PATCH that lost a race re-reads and tries again this many times. */
const UNCONDITIONAL_ATTEMPTS = 3;

function orderResponse(status: number, order: Order, location?: string): HttpResponse {
  const headers: Record<string, string> = { "content-type": "application/json", etag: etag(order.version) };
  if (location !== undefined) headers.location = location;
  return { status, headers, body: JSON.stringify(order) };
}

/** The route table of API.md; core/src/openapi/orders.ts documents each route, and /openapi.json serves the document. */
export function orderRoutes(deps: OrderDeps): Route[] {
  const { orders, clock } = deps;
  const access = (context: Context) => accessOf(context, deps.customerClaim ?? "sub");

  /**
   * The order, or 404: also for another customer's order, whose existence a customer never learns.
   * A GET may read it from the order cache; a write reads the store, whose version it holds on.
   */
  async function load(id: string, context: Context, cached = false): Promise<Order> {
    const order = ORDER_ID_PATTERN.test(id) ? await orders.get(id, { cached }) : null;
    if (!order || !mayRead(access(context), order.customerId)) throw new Problem("not-found", `Order ${id} does not exist.`);
    return order;
  }

  async function getOrder(_req: HttpRequest, { id }: Record<string, string>, context: Context) {
    return orderResponse(200, await load(id!, context, true));
  }

  async function listOrders(request: HttpRequest, _params: Record<string, string>, context: Context) {
    const requested = request.query.getAll("customerId");
    if (requested.length === 1) requireCustomer(access(context), requested[0], "list");
    const { customerId, limit, cursor } = listQuery(request.query);
    // The store's cursor as it is: opaque, and bound to this customer's list (anything else is an InvalidCursor, a 400).
    const page = await orders.listByCustomer(customerId, { limit, after: cursor });
    return json(200, { items: page.items, nextCursor: page.next });
  }

  async function patchOrder(request: HttpRequest, { id }: Record<string, string>, context: Context) {
    const caller = access(context);
    if (caller && !caller.admin && peekField(request.body, "status") !== "cancelled" && peekField(request.body, "status") !== undefined) {
      throw new Problem("forbidden", `A customer may only cancel an order; other changes need the ${ADMIN_SCOPE} scope.`);
    }
    const change = validateStatusChange(readJsonBody(request));
    if (!change.ok) throw invalid(change.errors);
    const ifMatch = parseIfMatch(request.headers["if-match"]);
    for (let attempt = 1; ; attempt++) {
      const order = await load(id!, context);
      checkIfMatch(ifMatch, order.version);
      if (!canTransition(order.status, change.value)) {
        throw new Problem("conflict", `An order that is ${order.status} cannot become ${change.value}.`);
      }
      const updated = withStatus(order, change.value, clock.now());
      try {
        await orders.update(updated, order.version);
        return orderResponse(200, updated);
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
        if (ifMatch !== undefined) throw new Problem("precondition-failed", "The order changed meanwhile.");
        if (attempt >= UNCONDITIONAL_ATTEMPTS) throw new Problem("conflict", "The order is changing; try again.");
      }
    }
  }

  async function deleteOrder(request: HttpRequest, { id }: Record<string, string>, context: Context) {
    const ifMatch = parseIfMatch(request.headers["if-match"]);
    const order = await load(id!, context);
    checkIfMatch(ifMatch, order.version);
    if (!canDelete(order)) throw new Problem("conflict", `Only cancelled orders can be deleted; this one is ${order.status}.`);
    try {
      await orders.delete(order.id, order.version);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      throw new Problem(ifMatch === undefined ? "conflict" : "precondition-failed", "The order changed meanwhile.");
    }
    return { status: 204, headers: {} };
  }

  function createOrder(request: HttpRequest, _params: Record<string, string>, context: Context) {
    const caller = access(context);
    if (caller) requireCustomer(caller, peekField(request.body, "customerId") ?? caller.customerId, "create");
    return createOrderIdempotently(deps, request, context, (order) => orderResponse(201, order, `/orders/${order.id}`));
  }

  const routes: Route[] = [
    { path: "/health", open: true, methods: { GET: async () => json(200, { status: "ok" }) } },
    { path: "/orders", methods: { GET: listOrders, POST: createOrder } },
    { path: "/orders/{id}", methods: { GET: getOrder, PATCH: patchOrder, DELETE: deleteOrder } },
  ];
  routes.push(openApiRoute(routes, ORDER_API));
  return routes;
}

function listQuery(query: URLSearchParams): ListQuery {
  const result = validateListQuery(query);
  if (!result.ok) throw invalid(result.errors, "The query is not valid.");
  return result.value;
}
