import type { AttributeValue as TableAttributeValue } from "@aws-sdk/client-dynamodb";
import type { AttributeValue, _Record } from "@aws-sdk/client-dynamodb-streams";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Change } from "@skyport/core";

/**
 * A stream record (GetRecords) as a neutral change, the way the Lambda adapter maps the same record
 * in an event (aws-lambda/src/changes/dynamodb-stream-event.ts; a store and a runtime adapter do not
 * import each other): id = SequenceNumber, key = the key fields' values in the collection's order,
 * joined by `/`, the images as the items the table holds (core reads the document out of them).
 * A REMOVE record (a delete, or the TTL's) is a delete, with the old image (else its keys) as the document.
 */
export function fromStreamRecord(record: _Record, keyFields: readonly string[]): Change {
  const { SequenceNumber, Keys, NewImage, OldImage, ApproximateCreationDateTime } = record.dynamodb ?? {};
  const removed = record.eventName === "REMOVE";
  if (!SequenceNumber || !Keys || (!removed && !NewImage))
    throw new TypeError("a DynamoDB stream record without SequenceNumber, Keys and NewImage (StreamViewType NEW_AND_OLD_IMAGES)");
  const keys = plain(Keys);
  return {
    id: SequenceNumber,
    key: keyFields.map((field) => String(keys[field])).join("/"),
    ...(removed
      ? { operation: "delete" as const, document: plain(OldImage ?? Keys) }
      : {
          operation: record.eventName === "INSERT" ? ("insert" as const) : ("update" as const),
          document: plain(NewImage!),
          ...(OldImage && { previous: plain(OldImage) }),
        }),
    ...(ApproximateCreationDateTime && { committedAt: ApproximateCreationDateTime.toISOString() }),
  };
}

/** DynamoDB's typed attribute values as plain JSON (numbers as numbers, sets as arrays). */
function plain(image: Record<string, AttributeValue>): Record<string, unknown> {
  const value = unmarshall(image as Record<string, TableAttributeValue>) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof Set ? [...v] : v))) as Record<string, unknown>;
}
