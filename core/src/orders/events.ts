/** Published on the orders queue once an order is created; the `confirm` consumer takes it. */
export interface OrderCreated {
  type: "order.created";
  orderId: string;
}

/** A message the order service publishes to its queue. */
export type OrderEvent = OrderCreated;
