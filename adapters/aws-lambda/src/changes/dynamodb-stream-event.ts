import type { Change, BatchResult } from "@skyport/core";
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

export function isDynamoDbStreamEvent(event: unknown): event is DynamoDBStreamEvent {
  const records = (event as Partial<DynamoDBStreamEvent> | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => r?.eventSource === "aws:dynamodb");
}

/**
 * One neutral change per INSERT or MODIFY record, in the stream's order (per item, commit order);
 * REMOVE records (deletes, TTL expiry) are not handed on. The id is the record's SequenceNumber,
 * the checkpoint Lambda resumes from when it is reported failed. util-dynamodb loads with the first
 * batch, so no other function's cold start pays for it.
 */
export async function fromDynamoDbStreamEvent(event: DynamoDBStreamEvent): Promise<Change[]> {
  const { unmarshall } = await import("@aws-sdk/util-dynamodb");
  return event.Records.filter((record) => record.eventName !== "REMOVE").map((record) => fromStreamRecord(record, unmarshall));
}

type Unmarshall = typeof import("@aws-sdk/util-dynamodb").unmarshall;

function fromStreamRecord(record: DynamoDBRecord, unmarshall: Unmarshall): Change {
  const { SequenceNumber, Keys, NewImage, OldImage, ApproximateCreationDateTime } = record.dynamodb ?? {};
  if (!SequenceNumber || !Keys || !NewImage)
    throw new TypeError("a DynamoDB stream record without SequenceNumber, Keys and NewImage (StreamViewType NEW_AND_OLD_IMAGES)");
  return {
    id: SequenceNumber,
    key: Object.values(plain(Keys, unmarshall)).map(String).join("/"),
    operation: record.eventName === "INSERT" ? "insert" : "update",
    document: plain(NewImage, unmarshall),
    ...(OldImage && { previous: plain(OldImage, unmarshall) }),
    ...(ApproximateCreationDateTime !== undefined && { committedAt: new Date(ApproximateCreationDateTime * 1000).toISOString() }),
  };
}

/** DynamoDB's typed attribute values as plain JSON (numbers as numbers, sets as arrays). */
function plain(image: Record<string, AttributeValue>, unmarshall: Unmarshall): Record<string, unknown> {
  const value = unmarshall(image as Parameters<typeof unmarshall>[0]) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof Set ? [...v] : v))) as Record<string, unknown>;
}

/**
 * Partial batch response (the event source mapping has ReportBatchItemFailures): Lambda resumes
 * the shard from the lowest failed SequenceNumber, so the failed change and every later one of
 * the batch are delivered again; after MaximumRetryAttempts the batch goes to the on-failure destination.
 */
export function toStreamBatchResponse(result: BatchResult): DynamoDBBatchResponse {
  return { batchItemFailures: result.failed.map((failure) => ({ itemIdentifier: failure.id })) };
}
