import type { Context } from "../function/context.js";
import { DEADLINE_RESERVE_MS } from "../function/deadline.js";
import type { StreamHandler, StreamRecord } from "../function/stream.js";
import { describe } from "../http/describe.js";

/** A record that will not be applied: poison, or still failing when the attempts or the time ran out. */
export interface StreamDeadLetter {
  record: StreamRecord;
  reason: "poison" | "attempts exhausted";
}

/** How often a failed stream record is delivered again before it is dead-lettered, and how long to wait. */
export interface Redelivery {
  /** Deliveries of a record before it is dead-lettered, the first included. */
  maxAttempts: number;
  /** The wait before the second delivery; it doubles each time. */
  backoffMs: number;
}

/**
 * For a runtime that moves on whatever the outcome (Event Hubs checkpoints; the local stream):
 * delivers the records that failed retryably again, with their held-back records, in order,
 * while attempts and the invocation's time allow, and returns what must go to the dead-letter
 * destination: never dropped silently. A handler that throws (its service cannot start) fails every record retryably.
 */
export async function redeliverStream(handler: StreamHandler, records: StreamRecord[], context: Context, policy: Redelivery): Promise<StreamDeadLetter[]> {
  const deadLetters: StreamDeadLetter[] = [];
  let pending = records;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { failed } = await handler(pending, context).catch((error: unknown) => {
      context.logger.warn("stream batch failed", { error: describe(error) });
      return { failed: pending.map((record) => ({ position: record.position, key: record.key, retryable: true })) };
    });
    const outcome = new Map(failed.map((failure) => [failure.position, failure.retryable]));
    for (const record of pending) if (outcome.get(record.position) === false) deadLetters.push({ record, reason: "poison" });
    const retry = pending.filter((record) => outcome.get(record.position) === true);
    const wait = policy.backoffMs * 2 ** (attempt - 1);
    const outOfTime = context.deadline !== undefined && Date.now() + wait + DEADLINE_RESERVE_MS > context.deadline;
    if (retry.length > 0 && (attempt >= policy.maxAttempts || outOfTime)) {
      for (const record of retry) deadLetters.push({ record, reason: "attempts exhausted" });
      break;
    }
    if (retry.length > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending = retry.map((record) => ({ ...record, attempt: record.attempt + 1 }));
  }
  return deadLetters;
}
