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

// Each function is a named export too, by its name: a Lambda bundle imports only its own, and
// /* @__PURE__ */ lets esbuild drop the others with their handlers (docs/EXTENDING.md).

// The API only writes: the orders collection's change feed (the outbox) announces each committed order.
export const api = /* @__PURE__ */ http(orderRoutes, { identity: (services) => services.identity, cors: (services) => services.cors });
export const confirm = /* @__PURE__ */ queue("orders", { "order.created": confirmOrder });
export const cleanup = /* @__PURE__ */ schedule("every 1 hour", deleteExpiredOrders);
// Warehouses' shipment.dispatched records, in order per order id: a confirmed order becomes shipped.
export const ship = /* @__PURE__ */ stream("shipments", applyShipment);
export const outbox = /* @__PURE__ */ changes("orders", (services: OrderDeps) => publishOrderCreated(services), { publishes: ["orders"] });
// Files dropped under imports/ become orders through the API's own create path (docs/API.md, Bulk import).
const importFunction = /* @__PURE__ */ objectCreated("orders-imports", "imports/", (services: OrderDeps) => importOrders(services));
export { importFunction as import };

/**
 * The order service, declared as any Skyport app is: its handlers live in @skyport/core's order
 * domain, and each cloud's wiring (aws.ts, gcp.ts, azure.ts, local.ts) builds their services.
 */
export default /* @__PURE__ */ defineApp({ name: "orders", functions: { api, confirm, cleanup, ship, outbox, import: importFunction } });
