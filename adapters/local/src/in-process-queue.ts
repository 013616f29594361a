import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BatchResult, Context, EventPublisher, Lazy, Logger, Message, QueueEvent, QueueHandler } from "@skyport/core";

/** Deliveries of a message before it is dead-lettered, as an SQS redrive policy's maxReceiveCount. */
export const MAX_ATTEMPTS = 5;

/** A message the queue gave up on: poison, or still failing after MAX_ATTEMPTS. */
export interface DeadLetter {
  topic: string;
  message: Message;
  reason: "poison" | "attempts exhausted";
  at: string;
}

/** Where the local server keeps its dead letters (SKYPORT_DEAD_LETTER_FILE), one JSON line each. */
export const DEFAULT_DEAD_LETTER_FILE = ".data/dead-letters.jsonl";

/** Keeps a dead letter in the file, one JSON line, for `npm run dead-letters`: the queues' and the streams' alike. */
export function appendDeadLetter(file: string, letter: DeadLetter): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(letter)}\n`);
}

/** The dead letters a local server kept in `file`, oldest first: what `npm run dead-letters` lists. */
export function readDeadLetters(file: string): DeadLetter[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as DeadLetter);
}

/**
 * One topic's queue inside the local server: published events are delivered to every consumer
 * of the topic after the response, retried with backoff while they fail retryably, and
 * dead-lettered (kept in `deadLetters` and in the dead-letter file, and logged as an error) when
 * poison or out of attempts: never dropped.
 */
export class InProcessQueue implements EventPublisher {
  private readonly consumers: Lazy<QueueHandler>[] = [];
  private readonly pending = new Set<Promise<void>>();
  readonly deadLetters: DeadLetter[] = [];

  /** `logger` is asked for when there is something to log: the app's logger comes with its wiring, after its queues. */
  constructor(
    readonly topic: string,
    private readonly logger: () => Logger,
    private readonly deadLetterFile?: string,
  ) {}

  attach(consumer: Lazy<QueueHandler>) {
    this.consumers.push(consumer);
  }

  async publish(event: QueueEvent, traceparent?: string): Promise<void> {
    const message: Message = { id: randomUUID(), body: JSON.stringify(event), attempt: 1, attributes: traceparent ? { traceparent } : {} };
    for (const consumer of this.consumers) this.track(this.deliverLater(consumer, message, 0));
  }

  /**
   * Hands messages to the consumers now, as one batch: what a test or an operator replaying a
   * message does. A retryable failure is scheduled again; a poison message is dead-lettered.
   */
  async deliver(messages: Message[]): Promise<BatchResult> {
    const failed = [];
    for (const consumer of this.requireConsumers()) {
      const result = await (await consumer())(messages, this.context(messages[0]?.id ?? randomUUID()));
      for (const failure of result.failed) {
        const message = messages.find((m) => m.id === failure.id)!;
        if (failure.retryable && message.attempt < MAX_ATTEMPTS) this.track(this.deliverLater(consumer, { ...message, attempt: message.attempt + 1 }, 100));
        else this.deadLetter(message, failure.retryable ? "attempts exhausted" : "poison");
        failed.push(failure);
      }
    }
    return { failed };
  }

  /** Waits until every message in flight is done or dead-lettered; for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private requireConsumers() {
    if (!this.consumers.length) throw new Error(`no function consumes the topic ${this.topic}`);
    return this.consumers;
  }

  private context(requestId: string): Context {
    return { requestId, cloud: "local", logger: this.logger() };
  }

  private track(delivery: Promise<void>) {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private deadLetter(message: Message, reason: DeadLetter["reason"]) {
    const letter: DeadLetter = { topic: this.topic, message, reason, at: new Date().toISOString() };
    this.deadLetters.push(letter);
    if (this.deadLetterFile) appendDeadLetter(this.deadLetterFile, letter);
    this.logger().error("message dead-lettered", { topic: this.topic, messageId: message.id, attempt: message.attempt, reason });
  }

  private async deliverLater(consumer: Lazy<QueueHandler>, message: Message, delayMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const { failed } = await consumer()
      .then((handle) => handle([message], this.context(message.id)))
      .catch(() => ({ failed: [{ id: message.id, retryable: true }] }));
    const failure = failed[0];
    if (!failure) return;
    if (failure.retryable && message.attempt < MAX_ATTEMPTS) {
      this.track(this.deliverLater(consumer, { ...message, attempt: message.attempt + 1 }, 100 * 2 ** message.attempt));
    } else {
      this.deadLetter(message, failure.retryable ? "attempts exhausted" : "poison");
    }
  }
}
