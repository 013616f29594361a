import type { CreatedObject } from "@skyport/core";
import type { S3Event, S3EventRecord } from "aws-lambda";

/** Whether the event is an S3 notification of created objects. */
export function isS3Event(event: unknown): event is S3Event {
  const records = (event as S3Event | undefined)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => r?.eventSource === "aws:s3" && typeof r.s3?.object?.key === "string");
}

/**
 * An S3 notification record -> the object it names. S3 sends the key URL-encoded as a form
 * value (`+` for a space, `%2B` for a plus), so it is decoded as one; the ETag is the content's
 * hash (a single-part upload's MD5), not the version id, which every upload changes.
 */
export function fromS3Record(record: S3EventRecord): CreatedObject {
  const { bucket, object } = record.s3;
  return {
    bucket: bucket.name,
    name: decodeURIComponent(object.key.replace(/\+/g, " ")),
    ...(object.size === undefined ? {} : { size: object.size }),
    ...(object.eTag ? { contentHash: `etag:${object.eTag.replace(/"/g, "")}` } : {}),
  };
}

/** Only object creations: a removal or a test event in the same notification is not an upload. */
export function createdObjects(event: S3Event): CreatedObject[] {
  return event.Records.filter((record) => record.eventName.startsWith("ObjectCreated:")).map(fromS3Record);
}
