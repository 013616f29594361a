import type { CloudEvent } from "@google-cloud/functions-framework";
import type { CreatedObject } from "@skyport/core";

/** The CloudEvent type of a Cloud Storage object written (finalized). */
export const FINALIZED = "google.cloud.storage.object.v1.finalized";

/** The parts of Cloud Storage's StorageObjectData (google.events.cloud.storage.v1) the import reads. */
export interface StorageObjectData {
  bucket: string;
  name: string;
  /** A decimal string (int64 in JSON). */
  size?: string;
  /** Base64 MD5 of the content; absent for composite objects. */
  md5Hash?: string;
  generation?: string;
}

/** A CloudEvent that is not an object.finalized event the function can read; the message says why. */
export class MalformedStorageEvent extends Error {
  constructor(reason: string) {
    super(`not a Cloud Storage object.finalized event: ${reason}`);
    this.name = "MalformedStorageEvent";
  }
}

/**
 * A `google.cloud.storage.object.v1.finalized` CloudEvent (Eventarc) -> the object. The name in
 * the data is not encoded (the `subject`, `objects/<name>`, is not read). The content hash is the
 * object's md5Hash, never its generation, which every upload changes.
 */
export function fromStorageEvent(event: CloudEvent<unknown>): CreatedObject {
  if (event?.type !== FINALIZED) throw new MalformedStorageEvent(`type ${JSON.stringify(event?.type)}`);
  const data = (typeof event.data === "string" ? JSON.parse(event.data) : event.data) as Partial<StorageObjectData> | undefined;
  if (typeof data?.bucket !== "string" || typeof data.name !== "string") throw new MalformedStorageEvent("no bucket or name in its data");
  const size = data.size === undefined ? undefined : Number(data.size);
  return {
    bucket: data.bucket,
    name: data.name,
    ...(size !== undefined && Number.isSafeInteger(size) ? { size } : {}),
    ...(data.md5Hash ? { contentHash: `md5:${data.md5Hash}` } : {}),
  };
}
