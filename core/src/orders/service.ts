import { handleHttp } from "../http/handle.js";
import { createRouter } from "../http/router.js";
import { orderCleanup } from "./cleanup.js";
import type { OrderDeps } from "./deps.js";
import { orderRoutes } from "./http-routes.js";
import { orderQueueConsumer } from "./queue-consumer.js";

/** The order service as three cloud-neutral functions: HTTP, queue and schedule. */
export function createOrderService(deps: OrderDeps) {
  return {
    http: handleHttp(createRouter(orderRoutes(deps))),
    queue: orderQueueConsumer(deps),
    cleanup: orderCleanup(deps),
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
