import type { AttributeValue as TableAttributeValue } from "@aws-sdk/client-dynamodb";
import type { AttributeValue, _Record } from "@aws-sdk/client-dynamodb-streams";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { keyOf, storedDocumentOf, type CollectionDeclaration, type DocumentChange } from "@skyport/core";

const TYPES = { INSERT: "created", MODIFY: "updated", REMOVE: "deleted" } as const;

/**
 * A stream record (GetRecords) of a collection's table as that collection's change, the way the
 * Lambda adapter reads the same record in an event (aws-lambda/src/changes/dynamodb-stream-event.ts;
 * a store and a runtime adapter do not import each other): id = SequenceNumber, the key fields from
 * the record's Keys, the document and version out of the images (core's stored fields). A REMOVE
 * record (a delete, or the TTL's) is a delete of the old image's version. Undefined for a record
 * of an item no collection wrote: nothing to hand on.
 */
export function fromStreamRecord(record: _Record, declaration: CollectionDeclaration<unknown>): DocumentChange | undefined {
  const { SequenceNumber, Keys, NewImage, OldImage, ApproximateCreationDateTime } = record.dynamodb ?? {};
  const type = TYPES[record.eventName ?? "MODIFY"];
  if (!SequenceNumber || !Keys || (type !== "deleted" && !NewImage))
    throw new TypeError("a DynamoDB stream record without SequenceNumber, Keys and NewImage (StreamViewType NEW_AND_OLD_IMAGES)");
  const written = NewImage && storedDocumentOf(plain(NewImage));
  const previous = OldImage && storedDocumentOf(plain(OldImage));
  const version = type === "deleted" ? previous?.version : written?.version;
  if (version === undefined) return undefined;
  return {
    id: SequenceNumber,
    type,
    key: keyOf(declaration, plain(Keys)),
    version,
    ...(type !== "deleted" && written && { value: written.value }),
    ...(previous && { previous: previous.value }),
    ...(ApproximateCreationDateTime && { committedAt: ApproximateCreationDateTime.toISOString() }),
  };
}

/** DynamoDB's typed attribute values as plain JSON. */
function plain(image: Record<string, AttributeValue>): Record<string, unknown> {
  return unmarshall(image as Record<string, TableAttributeValue>) as Record<string, unknown>;
}
