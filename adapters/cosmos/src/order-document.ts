import type { Resource } from "@azure/cosmos";
import type { Order } from "@skyport/core";

/** An order as Cosmos DB returns it: the order's fields plus the system properties. */
export type OrderDocument = Order & Resource;

/** Exactly the order's fields, so that nothing else is written or read back. */
export function orderFields(source: Order): Order {
  const { id, customerId, items, currency, total, status, createdAt, updatedAt, version, shipment } = source;
  return { id, customerId, items, currency, total, status, createdAt, updatedAt, version, ...(shipment && { shipment }) };
}
