import { randomUUID } from "node:crypto";
import { redeliverStream, type Lazy, type Logger, type StreamDeadLetter, type StreamHandler, type StreamRecord } from "@skyport/core";
import { appendDeadLetter, MAX_ATTEMPTS, type DeadLetter } from "./in-process-queue.js";

/** A record as a producer puts it: its partition key and its payload (JSON text). */
export interface PutRecord {
  partitionKey: string;
  data: string;
}

/**
 * One stream inside the local server, with the clouds' semantics: records are delivered in
 * order as one batch; a key whose record fails retryably is delivered again from that record,
 * with backoff, up to MAX_ATTEMPTS; poison, and what still fails, is dead-lettered (kept in
 * `deadLetters` and in the dead-letter file, logged as an error): never dropped.
 */
export class InProcessStream {
  private handler?: Lazy<StreamHandler>;
  private sequence = 0;
  readonly deadLetters: DeadLetter[] = [];

  constructor(
    readonly name: string,
    private readonly logger: () => Logger,
    private readonly deadLetterFile?: string,
    private readonly backoffMs = 100,
  ) {}

  attach(handler: Lazy<StreamHandler>) {
    if (this.handler) throw new Error(`stream ${this.name} has a consumer already`);
    this.handler = handler;
  }

  /** Puts the records on the stream and delivers them now, as one batch; answers with their positions and what was dead-lettered. */
  async put(records: PutRecord[]): Promise<{ positions: string[]; deadLetters: StreamDeadLetter[] }> {
    const handler = this.handler;
    if (!handler) throw new Error(`no function consumes the stream ${this.name}`);
    const batch: StreamRecord[] = records.map(({ partitionKey, data }) => ({
      key: partitionKey,
      data,
      position: String(++this.sequence).padStart(20, "0"),
      attempt: 1,
    }));
    const context = { requestId: randomUUID(), cloud: "local" as const, logger: this.logger() };
    const consume: StreamHandler = async (pending, ctx) => (await handler())(pending, ctx);
    const letters = await redeliverStream(consume, batch, context, { maxAttempts: MAX_ATTEMPTS, backoffMs: this.backoffMs });
    for (const letter of letters) this.deadLetter(letter);
    return { positions: batch.map((record) => record.position), deadLetters: letters };
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
