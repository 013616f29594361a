import { envReader, readConfig, type Env, type EventPublisher, type Logger, type OrderEvent, type StoreKind } from "@skyport/core";

/**
 * Where no queue is configured: functions that never publish (and whose roles may not send),
 * and the memory store, whose orders no other instance could see. The event is logged, not sent.
 */
export class UnpublishedEvents implements EventPublisher {
  constructor(private readonly logger: Logger) {}

  async publish(event: OrderEvent): Promise<void> {
    this.logger.warn("event not published: no queue configured", { type: event.type, orderId: event.orderId });
  }
}

/**
 * The queue's settings are required with a durable store, so that a missing queue fails the
 * start instead of leaving orders unconfirmed; the memory store may go without.
 */
export function queueSettings<T>(env: Env, defaultStore: StoreKind, queueVariable: string, read: (env: Env) => T): T | undefined {
  const optional = readConfig(env, defaultStore).store === "memory" && envReader(env).optional(queueVariable) === undefined;
  return optional ? undefined : read(env);
}
