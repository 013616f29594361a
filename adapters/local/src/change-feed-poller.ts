import type { BatchResult, Change, ChangeFeed, ChangesHandler, Context, Lazy, Logger } from "@skyport/core";
import { appendDeadLetter, MAX_ATTEMPTS, type DeadLetter } from "./in-process-queue.js";

/** Changes handed to the function per batch. */
const BATCH = 100;
/** How often the outbox is read when the last read found nothing (SKYPORT_CHANGE_FEED_POLL_MS). */
export const DEFAULT_POLL_MS = 100;

/**
 * One changes function inside the local server: reads its collection's outbox in commit order,
 * hands each batch to the function, and acknowledges what succeeded. A failed change stays and
 * is handed on again at the next read, up to MAX_ATTEMPTS; poison, and what still fails, is
 * dead-lettered (kept in the dead-letter file, logged as an error) and acknowledged: never
 * dropped. It reads at start too, so that changes committed before a crash are handed on.
 */
export class ChangeFeedPoller {
  private readonly attempts = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  /** Passes run one at a time, whether the timer or `settle` asks. */
  private last: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly name: string,
    readonly collection: string,
    private readonly feed: ChangeFeed,
    private readonly handler: Lazy<ChangesHandler>,
    private readonly logger: Logger,
    private readonly options: { pollMs: number; deadLetterFile?: string },
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Reads the outbox until nothing is left to hand on now: what a test calls before it reads the result. */
  async settle(): Promise<void> {
    while (await this.exclusive()) {}
  }

  /** The changes the feed still holds for the function (at most one batch), with the attempts each has failed. */
  async waiting(): Promise<{ change: Change; failedAttempts: number }[]> {
    const changes = await this.feed.pending(this.collection, BATCH);
    return changes.map((change) => ({ change, failedAttempts: this.attempts.get(change.id) ?? 0 }));
  }

  /** Hands a dead-lettered change on again, once, after what is pending: dead-lettered again if it still fails. */
  async resend(change: Change): Promise<BatchResult> {
    const turn = this.last
      .catch(() => {})
      .then(async () => {
        const context: Context = { requestId: `${this.name}-${change.id}-resent`, cloud: "local", logger: this.logger };
        const result = await this.handler()
          .then((handle) => handle([change], context))
          .catch((): BatchResult => ({ failed: [{ id: change.id, retryable: true }] }));
        const failure = result.failed[0];
        if (failure) this.deadLetter(change, 1, failure.retryable ? "attempts exhausted" : "poison");
        return result;
      });
    this.last = turn;
    return turn;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.last.catch(() => {});
  }

  private exclusive(): Promise<boolean> {
    const pass = this.last.catch(() => {}).then(() => this.pass());
    this.last = pass;
    return pass;
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.exclusive()
        .catch((error: unknown) => {
          this.logger.error("change feed read failed", { function: this.name, error: String(error) });
          return false;
        })
        .then((handed) => this.schedule(handed ? 0 : this.options.pollMs));
    }, delayMs).unref();
  }

  /** One batch: true when it handed some change on successfully (so more may be waiting). */
  private async pass(): Promise<boolean> {
    const changes = await this.feed.pending(this.collection, BATCH);
    if (changes.length === 0) return false;
    const context: Context = { requestId: `${this.name}-${changes[0]!.id}`, cloud: "local", logger: this.logger };
    const everyOne = { failed: changes.map((change) => ({ id: change.id, retryable: true })) };
    const { failed } = await this.handler()
      .then((handle) => handle(changes, context))
      .catch((error: unknown) => {
        this.logger.warn("changes not handled", { function: this.name, error: String(error) });
        return everyOne;
      });
    const failures = new Map(failed.map((failure) => [failure.id, failure]));
    const done: string[] = [];
    for (const change of changes) {
      const failure = failures.get(change.id);
      const attempt = (this.attempts.get(change.id) ?? 0) + 1;
      if (failure?.retryable && attempt < MAX_ATTEMPTS) {
        this.attempts.set(change.id, attempt);
        continue;
      }
      if (failure) this.deadLetter(change, attempt, failure.retryable ? "attempts exhausted" : "poison");
      this.attempts.delete(change.id);
      done.push(change.id);
    }
    await this.feed.acknowledge(done);
    return failed.length === 0;
  }

  private deadLetter(change: Change, attempt: number, reason: DeadLetter["reason"]) {
    const letter: DeadLetter = {
      topic: `changes:${this.collection}`,
      message: { id: change.id, body: JSON.stringify(change), attempt },
      reason,
      at: new Date().toISOString(),
    };
    if (this.options.deadLetterFile) appendDeadLetter(this.options.deadLetterFile, letter);
    this.logger.error("change dead-lettered", { function: this.name, collection: this.collection, changeId: change.id, attempt, reason });
  }
}
