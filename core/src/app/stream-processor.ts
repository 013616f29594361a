import type { Context } from "../function/context.js";
import { pastDeadline } from "../function/deadline.js";
import type { StreamFailure, StreamHandler, StreamRecord } from "../function/stream.js";
import { describe } from "../http/describe.js";
import { inSpan } from "../observability/spans.js";
import { PoisonMessage } from "./queue-router.js";

/** A record's payload, parsed as JSON, with where it came from. */
export interface StreamEvent {
  key: string;
  position: string;
  attempt: number;
  data: unknown;
}

/** Applies one record. Throw PoisonMessage when no retry can succeed; any other error holds the key back and is retried. */
export type StreamConsumer = (event: StreamEvent, context: Context) => Promise<void>;

/**
 * Applies a batch with partial failure that keeps order: the records of one key one after the
 * other, keys side by side. A poison record fails alone and its key goes on; after a retryable
 * failure the key's later records are not applied and are reported failed too ("held back"), so
 * that a redelivery applies them in order. Every cloud's stream function runs this one rule.
 */
export function processStream(name: string, consume: StreamConsumer): StreamHandler {
  async function apply(record: StreamRecord, context: Context): Promise<StreamFailure | undefined> {
    return inSpan(`process ${name}`, "consumer", record.attributes?.traceparent, async (traceparent, { traceId, spanId }) => {
      const logger = context.logger.child({ stream: name, partitionKey: record.key, position: record.position, attempt: record.attempt, traceId, spanId });
      try {
        if (pastDeadline(context.deadline)) throw new Error("not enough time left before the deadline");
        const event = { key: record.key, position: record.position, attempt: record.attempt, data: parseData(record.data) };
        await consume(event, { ...context, logger, traceparent, principal: undefined });
        return undefined;
      } catch (error) {
        const retryable = !(error instanceof PoisonMessage);
        logger[retryable ? "warn" : "error"]("stream record failed", { retryable, error: describe(error) });
        context.metrics?.record("FailedRecords", 1, "Count");
        return { position: record.position, key: record.key, retryable, reason: retryable ? "failed" : "poison" };
      }
    });
  }

  async function applyKey(records: StreamRecord[], context: Context): Promise<StreamFailure[]> {
    const failed: StreamFailure[] = [];
    for (const [index, record] of records.entries()) {
      const failure = await apply(record, context);
      if (!failure) continue;
      failed.push(failure);
      if (!failure.retryable) continue;
      for (const later of records.slice(index + 1)) failed.push({ position: later.position, key: later.key, retryable: true, reason: "held back" });
      break;
    }
    return failed;
  }

  return async (records, context) => {
    // One record (Pub/Sub's push, a batch of one): applied as it comes, with no grouping by key.
    if (records.length === 1) {
      const failure = await apply(records[0]!, context);
      return { failed: failure ? [failure] : [] };
    }
    const byKey = new Map<string, StreamRecord[]>();
    for (const record of records) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
    const failed = (await Promise.all([...byKey.values()].map((keyRecords) => applyKey(keyRecords, context)))).flat();
    const order = new Map(records.map((record, index) => [record.position, index]));
    return { failed: failed.sort((a, b) => order.get(a.position)! - order.get(b.position)!) };
  };
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new PoisonMessage("record data is not JSON");
  }
}
