import {
  applyShipment,
  changes,
  confirmOrder,
  defineApp,
  deleteExpiredOrders,
  http,
  importOrders,
  objectCreated,
  orderRoutes,
  publishOrderCreated,
  queue,
  schedule,
  stream,
  type OrderDeps,
} from "@skyport/core";

/**
 * The order service, declared as any Skyport app is: its handlers live in @skyport/core's order
 * domain, and each cloud's wiring (aws.ts, gcp.ts, azure.ts, local.ts) builds their services.
 */
export default defineApp({
  name: "orders",
  functions: {
    // The API only writes: the orders collection's change feed (the outbox) announces each committed order.
    api: http(orderRoutes, { identity: (services) => services.identity, cors: (services) => services.cors }),
    confirm: queue("orders", { "order.created": confirmOrder }),
    cleanup: schedule("every 1 hour", deleteExpiredOrders),
    // Warehouses' shipment.dispatched records, in order per order id: a confirmed order becomes shipped.
    ship: stream("shipments", applyShipment),
    outbox: changes("orders", (services: OrderDeps) => publishOrderCreated(services), { publishes: ["orders"] }),
    // Files dropped under imports/ become orders through the API's own create path (docs/API.md, Bulk import).
    import: objectCreated("orders-imports", "imports/", (services: OrderDeps) => importOrders(services)),
  },
});
