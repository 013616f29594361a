export interface OrderCreated {
  type: "order.created";
  orderId: string;
}

export type OrderEvent = OrderCreated;

export interface EventPublisher {
  /** Sends the event to the orders queue; `traceparent` travels with it. */
  publish(event: OrderEvent, traceparent?: string): Promise<void>;
}
