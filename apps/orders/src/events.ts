import {
  envReader,
  MEMORY_STORE,
  publishedTopics,
  topicVariable,
  type Env,
  type EventPublisher,
  type Logger,
  type Platform,
  type QueueEvent,
  type StoreKind,
} from "@skyport/core";
import app from "./app.js";

/**
 * Where no queue is configured: the memory store, whose orders no other instance could see.
 * The event is logged, not sent.
 */
export class UnpublishedEvents implements EventPublisher {
  constructor(private readonly logger: Logger) {}

  async publish(event: QueueEvent): Promise<void> {
    this.logger.warn("event not published: no queue configured", { type: event.type, orderId: event.orderId });
  }
}

/**
 * The orders queue, for the served functions that publish to it: its setting (SKYPORT_TOPIC_ORDERS)
 * is read now and required with a durable store, so that a missing queue fails the start instead
 * of leaving orders unconfirmed. The memory store may go without.
 */
export function ordersQueue(env: Env, platform: Platform, defaultStore: StoreKind): (logger: Logger) => EventPublisher {
  const unpublished = (logger: Logger) => new UnpublishedEvents(logger);
  if (!publishedTopics(app, platform.served).has("orders")) return unpublished;
  const store = envReader(env).optional("SKYPORT_STORE") ?? defaultStore; // checked with the rest by the container
  if (store === MEMORY_STORE && env[topicVariable("orders")] === undefined) return unpublished;
  if (!platform.queue) throw new Error("this runtime gives the app no queues to publish to");
  const queue = platform.queue("orders");
  return () => queue;
}
