import type { EventPublisher, Logger, OrderEvent } from "@skyport/core";

/**
 * With SKYPORT_STORE=memory and no SKYPORT_PUBSUB_TOPIC: no other instance could see the order
 * anyway, so the event is logged, not sent.
 */
export class UnpublishedEvents implements EventPublisher {
  constructor(private readonly logger: Logger) {}

  async publish(event: OrderEvent): Promise<void> {
    this.logger.warn("event not published: no SKYPORT_PUBSUB_TOPIC", { type: event.type, orderId: event.orderId });
  }
}
