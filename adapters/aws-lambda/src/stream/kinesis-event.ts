import type { KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import type { StreamBatchResult, StreamRecord } from "@skyport/core";

/** Whether the event is a Kinesis batch. */
export function isKinesisStreamEvent(event: unknown): event is KinesisStreamEvent {
  const records = (event as Partial<KinesisStreamEvent> | null)?.Records;
  return (
    Array.isArray(records) && records.length > 0 && records.every((r) => r?.eventSource === "aws:kinesis" && typeof r.kinesis?.sequenceNumber === "string")
  );
}

/**
 * One neutral record per Kinesis record: the partition key, the sequence number as the position,
 * the base64 data as UTF-8 text. Kinesis counts no deliveries, so every attempt reads 1.
 * KPL-aggregated records are not taken apart (out of scope): one arrives as one record.
 */
export function fromKinesisStreamEvent(event: KinesisStreamEvent): StreamRecord[] {
  return event.Records.map(({ kinesis }) => ({
    key: kinesis.partitionKey,
    position: kinesis.sequenceNumber,
    data: Buffer.from(kinesis.data, "base64").toString("utf8"),
    attempt: 1,
  }));
}

/**
 * Partial batch response (the mapping has ReportBatchItemFailures): Lambda checkpoints before
 * the lowest sequence number reported and delivers the shard again from there, within the
 * mapping's retry and age limits, then sends the batch's description to the on-failure destination.
 */
export function toKinesisBatchResponse(failed: StreamBatchResult["failed"]): KinesisStreamBatchResponse {
  return { batchItemFailures: failed.map((failure) => ({ itemIdentifier: failure.position })) };
}
