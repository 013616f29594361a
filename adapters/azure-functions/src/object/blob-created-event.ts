import type { EventGridEvent } from "@azure/functions";
import type { CreatedObject } from "@skyport/core";

/** The Event Grid event type of a created blob. */
export const BLOB_CREATED = "Microsoft.Storage.BlobCreated";
const SUBJECT = /^\/blobServices\/default\/containers\/([^/]+)\/blobs\/(.+)$/;

/** An Event Grid event that is not a BlobCreated event the function can read; the message says why. */
export class MalformedBlobEvent extends Error {
  constructor(reason: string) {
    super(`not a Microsoft.Storage.BlobCreated event: ${reason}`);
    this.name = "MalformedBlobEvent";
  }
}

/**
 * An Event Grid `Microsoft.Storage.BlobCreated` event -> the blob, its container and name read
 * from the subject (`/blobServices/default/containers/<container>/blobs/<name>`, the name as
 * written). The event's eTag changes on every write, so it is no content hash: the import
 * computes one while it reads.
 */
export function fromBlobCreated(event: EventGridEvent): CreatedObject {
  if (event?.eventType !== BLOB_CREATED) throw new MalformedBlobEvent(`eventType ${JSON.stringify(event?.eventType)}`);
  const match = SUBJECT.exec(event.subject ?? "");
  if (!match) throw new MalformedBlobEvent(`subject ${JSON.stringify(event.subject)}`);
  const length = (event.data as { contentLength?: unknown } | undefined)?.contentLength;
  return { bucket: match[1]!, name: match[2]!, ...(typeof length === "number" ? { size: length } : {}) };
}
