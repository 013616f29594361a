import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BatchResult, Context, EventPublisher, Lazy, Logger, Message, QueueEvent, QueueHandler } from "@skyport/core";
import { openQueueFile, type QueueFile, type QueuedMessage } from "./queue-file.js";

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

/** Takes one dead letter out of the file (sent back by the dashboard): the others are kept, in order. */
export function removeDeadLetter(file: string, index: number): void {
  const kept = readDeadLetters(file).filter((_, at) => at !== index);
  writeFileSync(`${file}.partial`, kept.map((letter) => `${JSON.stringify(letter)}\n`).join(""));
  renameSync(`${file}.partial`, file);
}

/**
 * One topic's queue inside the local server, kept in the queue file (SKYPORT_QUEUE_PATH): a
 * published event is committed once for every consumer of the topic before `publish` resolves,
 * delivered after the response, retried with backoff while it fails retryably, and removed from
 * the file only when its consumer succeeded or it was dead-lettered (kept in `deadLetters` and in
 * the dead-letter file, and logged as an error). What a kill leaves in the file is delivered
 * again when the consumer is attached at the next start: at least once, never dropped.
 */
export class InProcessQueue implements EventPublisher {
  private readonly consumers = new Map<string, Lazy<QueueHandler>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly file: QueueFile;
  private readonly deadLetterFile?: string;
  readonly deadLetters: DeadLetter[] = [];

  /** `logger` is asked for when there is something to log: the app's logger comes with its wiring, after its queues. */
  constructor(
    readonly topic: string,
    private readonly logger: () => Logger,
    options: { file?: QueueFile; deadLetterFile?: string } = {},
  ) {
    this.file = options.file ?? openQueueFile(":memory:");
    this.deadLetterFile = options.deadLetterFile;
  }

  /** `name` is the consuming function's: a restarted server finds the messages kept for it by that name, and delivers them now. */
  attach(name: string, consumer: Lazy<QueueHandler>) {
    if (this.consumers.has(name)) throw new Error(`${name} consumes the topic ${this.topic} already`);
    this.consumers.set(name, consumer);
    for (const queued of this.file.waiting(this.topic, name)) this.track(this.deliverLater(queued, 0));
  }

  async publish(event: QueueEvent, traceparent?: string): Promise<void> {
    const message: Message = { id: randomUUID(), body: JSON.stringify(event), attempt: 1, attributes: traceparent ? { traceparent } : {} };
    for (const queued of this.file.enqueue(this.topic, [...this.consumers.keys()], message)) this.track(this.deliverLater(queued, 0));
  }

  /**
   * Hands messages to the consumers now, as one batch: what a test or an operator replaying a
   * message does. A retryable failure is kept in the file and scheduled again; a poison message is dead-lettered.
   */
  async deliver(messages: Message[]): Promise<BatchResult> {
    const failed = [];
    for (const [name, consumer] of this.requireConsumers()) {
      const result = await (await consumer())(messages, this.context(messages[0]?.id ?? randomUUID(), name));
      for (const failure of result.failed) {
        const message = messages.find((m) => m.id === failure.id)!;
        if (failure.retryable && message.attempt < MAX_ATTEMPTS) {
          for (const queued of this.file.enqueue(this.topic, [name], { ...message, attempt: message.attempt + 1 })) this.track(this.deliverLater(queued, 100));
        } else this.deadLetter(message, failure.retryable ? "attempts exhausted" : "poison");
        failed.push(failure);
      }
    }
    return { failed };
  }

  /** Sends a dead letter back: kept in the file for every consumer again and delivered, its attempts counted anew. */
  resend(message: Message): void {
    const consumers = [...this.requireConsumers().keys()];
    for (const queued of this.file.enqueue(this.topic, consumers, { ...message, attempt: 1 })) this.track(this.deliverLater(queued, 0));
  }

  /** Waits until every message in flight is done or dead-lettered; for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private requireConsumers() {
    if (!this.consumers.size) throw new Error(`no function consumes the topic ${this.topic}`);
    return this.consumers;
  }

  /** The consumer's context: its lines name the function. */
  private context(requestId: string, consumer: string): Context {
    return { requestId, cloud: "local", logger: this.logger().child({ function: consumer }) };
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

  private async deliverLater(queued: QueuedMessage, delayMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      await this.deliverOne(queued);
    } catch (error) {
      // The message stays in the file and is delivered again at the next start.
      this.logger().error("queue file failed", { topic: this.topic, consumer: queued.consumer, messageId: queued.message.id, error: String(error) });
    }
  }

  private async deliverOne(queued: QueuedMessage): Promise<void> {
    const { seq, message } = queued;
    // Every attempt was begun before a kill ended the last one: dead-lettered, as a redrive policy would.
    if (message.attempt > MAX_ATTEMPTS) return this.giveUp(seq, { ...message, attempt: MAX_ATTEMPTS }, "attempts exhausted");
    this.file.begin(queued);
    const { failed } = await this.consumers.get(queued.consumer)!()
      .then((handle) => handle([message], this.context(message.id, queued.consumer)))
      .catch(() => ({ failed: [{ id: message.id, retryable: true }] }));
    const failure = failed[0];
    if (!failure) return this.file.remove(seq);
    if (failure.retryable && message.attempt < MAX_ATTEMPTS) {
      this.track(this.deliverLater({ ...queued, message: { ...message, attempt: message.attempt + 1 } }, 100 * 2 ** message.attempt));
    } else {
      this.giveUp(seq, message, failure.retryable ? "attempts exhausted" : "poison");
    }
  }

  /** Dead-letters, then removes from the file: a kill between the two dead-letters it twice, never not at all. */
  private giveUp(seq: number, message: Message, reason: DeadLetter["reason"]) {
    this.deadLetter(message, reason);
    this.file.remove(seq);
  }
}
