/** Where an order is in its life: pending, then confirmed, shipped, or cancelled. */
export type OrderStatus = "pending" | "confirmed" | "shipped" | "cancelled";
/** Every order status, in the order of an order's life. */
export const ORDER_STATUSES: readonly OrderStatus[] = ["pending", "confirmed", "shipped", "cancelled"];

/** One line of an order: a SKU, how many, and the price of one in integer minor units. */
export interface OrderItem {
  sku: string;
  quantity: number;
  /** Integer minor units. */
  unitPrice: number;
}

/** An order as the API answers it and the stores keep it (docs/API.md): its items, total, status and version. */
export interface Order {
  id: string;
  customerId: string;
  items: OrderItem[];
  currency: string;
  /** Integer minor units: the sum of quantity x unitPrice. */
  total: number;
  status: OrderStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** How the order left the warehouse: set when a shipment record makes it `shipped`, absent before. */
  shipment?: Shipment;
}

/** A warehouse's dispatch of an order, as its `shipment.dispatched` record gave it. */
export interface Shipment {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  /** ISO 8601, as the warehouse sent it. */
  dispatchedAt: string;
}

/** What a client sends to create an order (POST /orders); the server adds the rest. */
export interface NewOrder {
  customerId: string;
  items: OrderItem[];
  currency: string;
}

/** Integer arithmetic only: 100 items x 1000 x 1e8 stays far below 2^53. */
export function orderTotal(items: readonly OrderItem[]): number {
  let total = 0;
  for (const item of items) total += item.quantity * item.unitPrice;
  return total;
}

export function newOrder(input: NewOrder, id: string, now: Date): Order {
  const at = now.toISOString();
  return {
    id,
    customerId: input.customerId,
    items: input.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    currency: input.currency,
    total: orderTotal(input.items),
    status: "pending",
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}
