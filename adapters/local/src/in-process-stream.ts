import { randomUUID } from "node:crypto";
import { redeliverStream, type Lazy, type Logger, type StreamDeadLetter, type StreamHandler, type StreamRecord } from "@skyport/core";
import { appendDeadLetter, MAX_ATTEMPTS, type DeadLetter } from "./in-process-queue.js";
import { openQueueFile, type QueueFile } from "./queue-file.js";

/** How often a running server looks in the queue file for records put on its streams from outside. */
export const DEFAULT_STREAM_POLL_MS = 100;

/** A record as a producer puts it: its partition key and its payload (JSON text). */
export interface PutRecord {
  partitionKey: string;
  data: string;
}

/**
 * One stream inside the local server, with the clouds' semantics: records are kept in the queue
 * file (SKYPORT_QUEUE_PATH) and delivered in order as one batch, one batch after the other; a key
 * whose record fails retryably is delivered again from that record, with backoff, up to
 * MAX_ATTEMPTS; poison, and what still fails, is dead-lettered (kept in `deadLetters` and in the
 * dead-letter file, logged as an error). A batch leaves the file once handled or dead-lettered;
 * what a kill leaves in it is delivered first at the next start: at least once, never dropped.
 */
export class InProcessStream {
  private handler?: Lazy<StreamHandler>;
  /** The batch handed on last: batches go one after the other, as a shard's do, so a key's records stay in order. */
  private last: Promise<unknown> = Promise.resolve();
  private readonly file: QueueFile;
  private readonly deadLetterFile?: string;
  private readonly backoffMs: number;
  /** The positions handed on and not yet removed from the file: a record not among them was put by another process. */
  private readonly handedOn = new Set<string>();
  private watching?: NodeJS.Timeout;
  readonly deadLetters: DeadLetter[] = [];

  constructor(
    readonly name: string,
    private readonly logger: () => Logger,
    options: { file?: QueueFile; deadLetterFile?: string; backoffMs?: number } = {},
  ) {
    this.file = options.file ?? openQueueFile(":memory:");
    this.deadLetterFile = options.deadLetterFile;
    this.backoffMs = options.backoffMs ?? 100;
  }

  /** Takes the stream's one consumer, and hands it first what the file still holds from before a restart. */
  attach(handler: Lazy<StreamHandler>) {
    if (this.handler) throw new Error(`stream ${this.name} has a consumer already`);
    this.handler = handler;
    this.pickUp();
  }

  /**
   * Looks in the file every `pollMs` for records another process put on the stream (`skyport
   * put-records`, a producer outside the server) and delivers them as one batch; until `unwatch`.
   */
  watch(pollMs: number) {
    const tick = () => {
      this.pickUp();
      this.watching = setTimeout(tick, pollMs).unref();
    };
    this.watching = setTimeout(tick, pollMs).unref();
  }

  unwatch() {
    clearTimeout(this.watching);
    this.watching = undefined;
  }

  /** Hands on what the file holds that this stream has not handed on: at attach, what a kill left; later, what others put. */
  private pickUp() {
    const found = this.file.records(this.name).filter((record) => !this.handedOn.has(record.position));
    if (found.length === 0) return;
    this.inTurn(found).catch((error: unknown) => this.logger().error("stream records not handed on", { stream: this.name, error: String(error) }));
  }

  /** Puts the records on the stream (in the file) and delivers them as one batch; answers with their positions and what was dead-lettered. */
  async put(records: PutRecord[]): Promise<{ positions: string[]; deadLetters: StreamDeadLetter[] }> {
    if (!this.handler) throw new Error(`no function consumes the stream ${this.name}`);
    const batch = this.file.put(this.name, records);
    const deadLetters = await this.inTurn(batch);
    return { positions: batch.map((record) => record.position), deadLetters };
  }

  /** Waits until every batch put so far is handled or dead-lettered; for shutdown and tests. */
  async drain(): Promise<void> {
    for (let last = this.last; ; last = this.last) {
      await last.catch(() => {});
      if (last === this.last) return;
    }
  }

  private inTurn(batch: StreamRecord[]): Promise<StreamDeadLetter[]> {
    for (const record of batch) this.handedOn.add(record.position);
    const turn = this.last.catch(() => {}).then(() => this.deliver(batch));
    this.last = turn;
    return turn;
  }

  private async deliver(batch: StreamRecord[]): Promise<StreamDeadLetter[]> {
    const handler = this.handler!;
    // A record whose every attempt was begun before a kill ended the last one is not handed on again.
    const letters: StreamDeadLetter[] = batch
      .filter((record) => record.attempt > MAX_ATTEMPTS)
      .map((record) => ({ record: { ...record, attempt: MAX_ATTEMPTS }, reason: "attempts exhausted" }));
    const live = batch.filter((record) => record.attempt <= MAX_ATTEMPTS);
    const context = { requestId: randomUUID(), cloud: "local" as const, logger: this.logger() };
    const consume: StreamHandler = async (pending, ctx) => {
      this.file.beginRecords(pending);
      return (await handler())(pending, ctx);
    };
    // The batch has the attempts its most tried record has left: no record is handed on more than MAX_ATTEMPTS times.
    const maxAttempts = MAX_ATTEMPTS + 1 - Math.max(1, ...live.map((record) => record.attempt));
    if (live.length > 0) letters.push(...(await redeliverStream(consume, live, context, { maxAttempts, backoffMs: this.backoffMs })));
    for (const letter of letters) this.deadLetter(letter);
    this.file.removeRecords(batch);
    for (const record of batch) this.handedOn.delete(record.position);
    return letters;
  }

  private deadLetter({ record, reason }: StreamDeadLetter) {
    const message = { id: record.position, body: record.data, attempt: record.attempt, attributes: { partitionKey: record.key } };
    const letter: DeadLetter = { topic: this.name, message, reason, at: new Date().toISOString() };
    this.deadLetters.push(letter);
    if (this.deadLetterFile) appendDeadLetter(this.deadLetterFile, letter);
    this.logger().error("stream record dead-lettered", {
      stream: this.name,
      partitionKey: record.key,
      position: record.position,
      attempt: record.attempt,
      reason,
    });
  }
}
