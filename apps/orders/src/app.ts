import { confirmOrder, defineApp, deleteExpiredOrders, http, orderRoutes, queue, schedule } from "@skyport/core";

/**
 * The order service, declared as any Skyport app is: its handlers live in @skyport/core's order
 * domain, and each cloud's wiring (aws.ts, gcp.ts, azure.ts, local.ts) builds their services.
 */
export default defineApp({
  name: "orders",
  functions: {
    api: http(orderRoutes, { publishes: ["orders"], identity: (services) => services.identity, cors: (services) => services.cors }),
    confirm: queue("orders", { "order.created": confirmOrder }),
    cleanup: schedule("every 1 hour", deleteExpiredOrders),
  },
});
