import { changes, defineApp, http, idempotencyCollection, objectCreated, queue, schedule, stream } from "@skyport/core";
import {
  applyShipment,
  confirmOrder,
  deleteExpiredOrders,
  importOrders,
  ORDER_INFO,
  ORDER_ROUTES,
  ordersCollection,
  publishOrderCreated,
  type OrderDeps,
} from "@skyport/core/orders";

// Each function is a named export too, by its name: a Lambda bundle imports only its own, and
// /* @__PURE__ */ lets esbuild drop the others with their handlers (docs/EXTENDING.md).

// The API only writes: the orders collection's change feed (the outbox) announces each committed order.
// Each function lists the collections it uses: the templates grant it those, and only those.
const ordersAndKeys = [ordersCollection, idempotencyCollection];
export const api = /* @__PURE__ */ http(ORDER_ROUTES, {
  info: ORDER_INFO,
  identity: (services) => services.identity,
  cors: (services) => services.cors,
  collections: ordersAndKeys,
});
export const confirm = /* @__PURE__ */ queue("orders", { "order.created": confirmOrder }, { collections: [ordersCollection] });
export const cleanup = /* @__PURE__ */ schedule("every 1 hour", deleteExpiredOrders, { collections: [ordersCollection] });
// Warehouses' shipment.dispatched records, in order per order id: a confirmed order becomes shipped.
export const ship = /* @__PURE__ */ stream("shipments", applyShipment, { collections: [ordersCollection] });
export const outbox = /* @__PURE__ */ changes("orders", (services: OrderDeps) => publishOrderCreated(services), {
  publishes: ["orders"],
  collections: [ordersCollection],
});
// Files dropped under imports/ become orders through the API's own create path (docs/API.md, Bulk import).
const importFunction = /* @__PURE__ */ objectCreated("orders-imports", "imports/", (services: OrderDeps) => importOrders(services), {
  collections: ordersAndKeys,
});
export { importFunction as import };

/**
 * The order service, declared as any Skyport app is: its handlers live in @skyport/core's order
 * domain, and each cloud's wiring (aws.ts, gcp.ts, azure.ts, local.ts) builds their services.
 */
export default /* @__PURE__ */ defineApp({
  name: "orders",
  collections: { orders: ordersCollection, idempotencyKeys: idempotencyCollection },
  functions: { api, confirm, cleanup, ship, outbox, import: importFunction },
});
