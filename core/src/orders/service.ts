import { changes } from "../app/changes-function.js";
import { http } from "../app/http-function.js";
import { queue } from "../app/queue-function.js";
import { schedule } from "../app/schedule-function.js";
import { retryingIdempotencyStore, retryingOrderStore } from "./storage/retrying-stores.js";
import { deleteExpiredOrders } from "./cleanup.js";
import { confirmOrder } from "./confirm-order.js";
import type { OrderDeps } from "./deps.js";
import { ORDER_INFO, ORDER_ROUTES } from "./http-routes.js";
import { publishOrderCreated } from "./publish-order-created.js";

/** The services the order handlers run on: store calls retried with jittered backoff while the store is unavailable. */
export function orderServices(given: OrderDeps): OrderDeps {
  return { ...given, orders: retryingOrderStore(given.orders), idempotency: retryingIdempotencyStore(given.idempotency) };
}

/**
 * The order handlers bound to their services without a runtime: what the contract suites drive
 * directly. Apps declare the same handlers with `defineApp` (apps/orders/src/app.ts).
 */
export function createOrderService(given: OrderDeps) {
  const services = orderServices(given);
  return {
    http: http(ORDER_ROUTES, { identity: (s) => s.identity, cors: (s) => s.cors, info: ORDER_INFO }).bind(services),
    queue: queue("orders", { "order.created": confirmOrder }).bind(services),
    cleanup: schedule("every 1 hour", deleteExpiredOrders).bind(services),
    outbox: changes("orders", publishOrderCreated).bind(services),
  };
}

/** The order handlers bound to their services (HTTP, queue, cleanup, outbox), as `createOrderService` builds them. */
export type OrderService = ReturnType<typeof createOrderService>;
