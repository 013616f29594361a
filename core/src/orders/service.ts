import { handleHttp } from "../http/handle.js";
import { retryingIdempotencyStore, retryingOrderStore } from "../ports/retrying-stores.js";
import { createRouter } from "../http/router.js";
import { orderCleanup } from "./cleanup.js";
import type { OrderDeps } from "./deps.js";
import { orderRoutes } from "./http-routes.js";
import { orderQueueConsumer } from "./queue-consumer.js";

/**
 * The order service as three cloud-neutral functions: HTTP, queue and schedule. Store calls are
 * retried with jittered backoff while the store is unavailable.
 */
export function createOrderService(given: OrderDeps) {
  const deps = { ...given, orders: retryingOrderStore(given.orders), idempotency: retryingIdempotencyStore(given.idempotency) };
  return {
    http: handleHttp(createRouter(orderRoutes(deps))),
    queue: orderQueueConsumer(deps),
    cleanup: orderCleanup(deps),
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
