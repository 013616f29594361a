import { randomUUID } from "node:crypto";
import type { BatchResult, EventPublisher, Logger, Message, OrderEvent } from "@skyport/core";

type Consumer = (messages: Message[]) => Promise<BatchResult>;

const MAX_ATTEMPTS = 5;

/**
 * The orders queue inside the local server: published events are delivered to the consumer
 * after the response, retried with backoff while they fail retryably, and logged when given up.
 */
export class InProcessQueue implements EventPublisher {
  private consumer?: Consumer;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  attach(consumer: Consumer) {
    this.consumer = consumer;
  }

  async publish(event: OrderEvent, traceparent?: string): Promise<void> {
    const message: Message = { id: randomUUID(), body: JSON.stringify(event), attempt: 1, attributes: traceparent ? { traceparent } : {} };
    this.track(this.deliverLater(message, 0));
  }

  /**
   * Hands messages to the consumer now, as one batch: what a test or an operator replaying a
   * message does. A retryable failure is scheduled again; a poison message is given up.
   */
  async deliver(messages: Message[]): Promise<BatchResult> {
    if (!this.consumer) throw new Error("no consumer attached to the in-process queue");
    const result = await this.consumer(messages);
    for (const failure of result.failed) {
      const message = messages.find((m) => m.id === failure.id)!;
      if (failure.retryable) this.track(this.deliverLater({ ...message, attempt: message.attempt + 1 }, 100));
      else this.logger.error("message given up", { messageId: message.id, attempt: message.attempt });
    }
    return result;
  }

  /** Waits until every message in flight is done or given up; for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private track(delivery: Promise<void>) {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliverLater(message: Message, delayMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!this.consumer) throw new Error("no consumer attached to the in-process queue");
    const { failed } = await this.consumer([message]).catch(() => ({ failed: [{ id: message.id, retryable: true }] }));
    const failure = failed[0];
    if (!failure) return;
    if (failure.retryable && message.attempt < MAX_ATTEMPTS) {
      this.track(this.deliverLater({ ...message, attempt: message.attempt + 1 }, 100 * 2 ** message.attempt));
    } else {
      this.logger.error("message given up", { messageId: message.id, attempt: message.attempt });
    }
  }
}
