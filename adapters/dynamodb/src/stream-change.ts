import type { AttributeValue as TableAttributeValue } from "@aws-sdk/client-dynamodb";
import type { AttributeValue, _Record } from "@aws-sdk/client-dynamodb-streams";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Change } from "@skyport/core";

/**
 * A stream record (GetRecords) as a neutral change, the way the Lambda adapter maps the same record
 * in an event (aws-lambda/src/changes/dynamodb-stream-event.ts; a store and a runtime adapter do not
 * import each other): id = SequenceNumber, key = the key attributes' values joined by `/`.
 * REMOVE records (deletes, TTL expiry) are not handed on: undefined.
 */
export function fromStreamRecord(record: _Record): Change | undefined {
  if (record.eventName === "REMOVE") return undefined;
  const { SequenceNumber, Keys, NewImage, OldImage, ApproximateCreationDateTime } = record.dynamodb ?? {};
  if (!SequenceNumber || !Keys || !NewImage)
    throw new TypeError("a DynamoDB stream record without SequenceNumber, Keys and NewImage (StreamViewType NEW_AND_OLD_IMAGES)");
  return {
    id: SequenceNumber,
    key: Object.values(plain(Keys)).map(String).join("/"),
    operation: record.eventName === "INSERT" ? "insert" : "update",
    document: plain(NewImage),
    ...(OldImage && { previous: plain(OldImage) }),
    ...(ApproximateCreationDateTime && { committedAt: ApproximateCreationDateTime.toISOString() }),
  };
}

/** DynamoDB's typed attribute values as plain JSON (numbers as numbers, sets as arrays). */
function plain(image: Record<string, AttributeValue>): Record<string, unknown> {
  const value = unmarshall(image as Record<string, TableAttributeValue>) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof Set ? [...v] : v))) as Record<string, unknown>;
}
