import type { Context } from "./context.js";

/** One record of a stream, as a Kinesis shard, an ordered Pub/Sub subscription or an Event Hubs partition delivered it. */
export interface StreamRecord {
  /** The partition key (Kinesis, Event Hubs) or ordering key (Pub/Sub): records of one key are applied in stream order. */
  key: string;
  /** Where the record sits in its shard or partition (sequence number, message id, offset): what a failure reports. */
  position: string;
  /** The payload as UTF-8 text. */
  data: string;
  /** 1 on first delivery; the cloud's delivery count after that, where it gives one. */
  attempt: number;
  attributes?: Record<string, string>;
}

/** Why a record of a batch was not applied. */
export type StreamFailureReason = "poison" | "failed" | "held back";

/** A stream record that failed: where it is, its key, and whether a retry can succeed. */
export interface StreamFailure {
  position: string;
  key: string;
  /** false for poison: no retry can succeed, so the record goes to the dead-letter destination now and the key goes on. */
  retryable: boolean;
  /** `held back`: an earlier record of the same key failed retryably in this batch, so this one was not applied. */
  reason: StreamFailureReason;
}

/** The records of a batch that were not applied, in batch order; every other record is done. */
export interface StreamBatchResult {
  failed: StreamFailure[];
}

/** The neutral handler of a stream function: records in stream order (per key) in, what was not applied out. */
export type StreamHandler = (records: StreamRecord[], context: Context) => Promise<StreamBatchResult>;
