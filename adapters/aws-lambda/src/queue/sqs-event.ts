import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { BatchResult, Message } from "@skyport/core";
import { fromXRayHeader } from "../trace.js";

/** Whether the event is an SQS batch. */
export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as Partial<SQSEvent> | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => r?.eventSource === "aws:sqs");
}

/** One neutral message per record; SQS counts receives, so the count is the attempt. */
export function fromSqsEvent(event: SQSEvent): Message[] {
  return event.Records.map((record) => ({
    id: record.messageId,
    body: record.body,
    attempt: Math.max(1, Number.parseInt(record.attributes.ApproximateReceiveCount, 10) || 1),
    attributes: attributesOf(record),
  }));
}

/** String and number message attributes; the X-Ray header as a traceparent where none was sent. */
function attributesOf(record: SQSRecord): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(record.messageAttributes ?? {})) {
    if (attribute.stringValue !== undefined && !attribute.dataType.startsWith("Binary")) attributes[name] = attribute.stringValue;
  }
  const xray = record.attributes.AWSTraceHeader;
  if (attributes.traceparent === undefined && xray) {
    const traceparent = fromXRayHeader(xray);
    if (traceparent) attributes.traceparent = traceparent;
  }
  return attributes;
}

/**
 * Partial batch response (the event source mapping has ReportBatchItemFailures): SQS deletes
 * the rest and redelivers only these. Poison messages are reported too: after the queue's
 * maxReceiveCount its redrive policy moves them to the dead-letter queue, where they are kept.
 */
export function toSqsBatchResponse(result: BatchResult): SQSBatchResponse {
  return { batchItemFailures: result.failed.map((failure) => ({ itemIdentifier: failure.id })) };
}
