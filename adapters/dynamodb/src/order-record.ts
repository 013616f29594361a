import type { Order, OrderStatus, Shipment } from "@skyport/core";
import { ORDERS_TABLE } from "./table.js";

/** An order as stored: the order's own fields as top-level attributes, plus its keys. */
export interface OrderRecord extends Order {
  pk: string;
  createdKey: string;
}

export const orderPk = (id: string) => `${ORDERS_TABLE.orderPrefix}${id}`;

export const createdKey = (createdAt: string, id: string) => `${createdAt}#${id}`;

export function orderToRecord(order: Order): OrderRecord {
  return { ...order, pk: orderPk(order.id), createdKey: createdKey(order.createdAt, order.id) };
}

/** Picks the order's fields by name, so that no storage attribute leaks into the domain. */
export function orderFromRecord(record: Record<string, unknown>): Order {
  const stored = record as Partial<OrderRecord>;
  return {
    id: stored.id as string,
    customerId: stored.customerId as string,
    items: (stored.items ?? []).map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    currency: stored.currency as string,
    total: stored.total as number,
    status: stored.status as OrderStatus,
    createdAt: stored.createdAt as string,
    updatedAt: stored.updatedAt as string,
    version: stored.version as number,
    ...(stored.shipment && { shipment: shipmentOf(stored.shipment) }),
  };
}

function shipmentOf({ shipmentId, carrier, trackingNumber, dispatchedAt }: Shipment): Shipment {
  return { shipmentId, carrier, trackingNumber, dispatchedAt };
}
