/** Published on the orders queue once an order is created; the `confirm` consumer takes it. */
export interface OrderCreated {
  type: "order.created";
  orderId: string;
}

export type OrderEvent = OrderCreated;
