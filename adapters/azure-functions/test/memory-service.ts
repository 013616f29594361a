import { defineApp, http, queue, schedule, silentLogger, systemClock, type EventPublisher } from "@skyport/core";
import { createOrderService, memoryStores, confirmOrder, deleteExpiredOrders, orderRoutes, ulidIds, type OrderDeps } from "@skyport/core/orders";

/** The order handlers on memory stores, as an entry module hands them to the adapter. */
export function memoryService(overrides: Partial<OrderDeps> = {}) {
  const events: EventPublisher = { publish: async () => {} };
  const deps: OrderDeps = {
    ...memoryStores(),
    events,
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 5,
    ...overrides,
  };
  const service = createOrderService(deps);
  return { deps, service, http: async () => service.http, queue: async () => service.queue, cleanup: async () => service.cleanup };
}

/** A test app declared the way apps/orders declares the order service. */
export const testApp = defineApp({
  name: "orders",
  functions: {
    api: http(orderRoutes),
    confirm: queue("orders", { "order.created": confirmOrder }),
    cleanup: schedule("every 1 hour", deleteExpiredOrders),
  },
});

export const memoryInstance = (deps: OrderDeps) => ({ logger: silentLogger, services: async () => deps });
