export type OrderStatus = "pending" | "confirmed" | "shipped" | "cancelled";
export const ORDER_STATUSES: readonly OrderStatus[] = ["pending", "confirmed", "shipped", "cancelled"];

export interface OrderItem {
  sku: string;
  quantity: number;
  /** Integer minor units. */
  unitPrice: number;
}

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
}

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
