// @skyport/core/orders: the order service, Skyport's reference app (docs/API.md), written on the framework's root entry.

// The order and its events
export type { Order, OrderItem, OrderStatus, NewOrder, Shipment } from "./order.js";
export { ORDER_STATUSES, orderTotal } from "./order.js";
export type { OrderEvent, OrderCreated } from "./events.js";
export { shipmentDispatched, SHIPMENT_DISPATCHED, type ShipmentDispatched } from "./shipment.js";
export { ulidIds, ORDER_ID_PATTERN, type Ids } from "./ids.js";
export { ADMIN_SCOPE } from "./access.js";

// Use cases
export type { OrderDeps } from "./deps.js";
export { deleteExpiredOrders, type CleanupReport } from "./cleanup.js";
export { confirmOrder } from "./confirm-order.js";
export { publishOrderCreated } from "./publish-order-created.js";
export { applyShipment, OrderNotConfirmed } from "./apply-shipment.js";
export { importOrders, importKey, ImportIncomplete, readImportSettings, reportNameOf, CSV_HEADER, DEFAULT_IMPORT_MAX_BYTES } from "./import/index.js";
export type { ImportReport, RejectedOrder, ImportSettings } from "./import/index.js";

// The order API
export { ORDER_API_INFO, ORDER_INFO, ORDER_ROUTES, orderRoutes } from "./http-routes.js";
export { createOrderService, orderServices, type OrderService } from "./service.js";

// Storage: the order store's port, its collection, and both stores written once over any store's documents
export type { OrderStore, Page, PageRequest, StatusQuery } from "./order-store.js";
export type { Stores } from "./stores.js";
export { OrderExists } from "./storage/order-exists.js";
export { encodeKeyset, decodeKeyset, customerList, statusList, newestFirst, type KeysetPosition } from "./storage/keyset.js";
export { ordersCollection } from "./storage/collections.js";
export { collectionOrderStore } from "./storage/order-store.js";
export { orderStoresOn } from "./storage/stores.js";

// The order cache: cache-aside reads kept right by the store's writes, on any cache (@skyport/core/cache)
export { orderCache, ORDER_CACHE_TTL_SECONDS, type OrderCache } from "./storage/order-cache.js";
export { orderCacheOn, readOrderCacheSettings } from "./storage/order-cache-on.js";

// In memory: for demos, smoke tests and unit tests
export { MemoryOrderStore } from "./storage/memory-order-store.js";
export { memoryStores } from "./storage/memory-stores.js";
