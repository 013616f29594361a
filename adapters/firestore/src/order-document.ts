import { Timestamp, type DocumentData, type DocumentSnapshot } from "@google-cloud/firestore";
import type { Order, OrderItem, OrderStatus, Shipment } from "@skyport/core";

/** An order as stored in `orders/{id}`: the id is the document id; instants are Timestamps. */
export interface OrderDocument {
  customerId: string;
  items: OrderItem[];
  currency: string;
  total: number;
  status: OrderStatus;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
  /** Kept as the warehouse sent it: `dispatchedAt` is the record's text, not a Timestamp, so it reads back unchanged. */
  shipment?: Shipment;
}

export function orderDocument(order: Order): OrderDocument {
  return {
    customerId: order.customerId,
    items: order.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    currency: order.currency,
    total: order.total,
    status: order.status,
    createdAt: timestampOf(order.createdAt),
    updatedAt: timestampOf(order.updatedAt),
    version: order.version,
    ...(order.shipment && { shipment: shipmentOf(order.shipment) }),
  };
}

export function orderFrom(snapshot: DocumentSnapshot<DocumentData>): Order {
  const data = snapshot.data() as OrderDocument;
  return {
    id: snapshot.id,
    customerId: data.customerId,
    items: data.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    currency: data.currency,
    total: data.total,
    status: data.status,
    createdAt: data.createdAt.toDate().toISOString(),
    updatedAt: data.updatedAt.toDate().toISOString(),
    version: data.version,
    ...(data.shipment && { shipment: shipmentOf(data.shipment) }),
  };
}

function shipmentOf({ shipmentId, carrier, trackingNumber, dispatchedAt }: Shipment): Shipment {
  return { shipmentId, carrier, trackingNumber, dispatchedAt };
}

/** Core's instants are ISO 8601 with milliseconds; a Timestamp keeps them exactly. */
export function timestampOf(iso: string): Timestamp {
  return Timestamp.fromMillis(Date.parse(iso));
}
