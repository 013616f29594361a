import type { EventPublisher, Logger, OrderEvent } from "@skyport/core";

/**
 * Where no queue is configured: the queue and cleanup functions (which never publish, and whose
 * roles may not send), and the HTTP function on the memory store, whose orders no other
 * instance could see. The event is logged, not sent.
 */
export class UnpublishedEvents implements EventPublisher {
  constructor(private readonly logger: Logger) {}

  async publish(event: OrderEvent): Promise<void> {
    this.logger.warn("event not published: this function has no queue", { type: event.type, orderId: event.orderId });
  }
}
