import type { Order, OrderStatus } from "./order.js";

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["confirmed", "cancelled"],
  confirmed: ["shipped", "cancelled"],
  shipped: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The order after the change; the caller has checked `canTransition`. */
export function withStatus(order: Order, status: OrderStatus, now: Date): Order {
  return { ...order, status, updatedAt: now.toISOString(), version: order.version + 1 };
}

export function canDelete(order: Order): boolean {
  return order.status === "cancelled";
}
