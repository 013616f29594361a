import { randomBytes } from "node:crypto";
import type { StorageObjectData } from "@skyport/gcp-functions";
import type { GcsStandIn } from "@skyport/gcp-functions/testing";

/**
 * An upload to the bucket through the Cloud Storage JSON API (a simple media upload), and the
 * object.finalized CloudEvent Eventarc then POSTs to the function, in binary mode, its data in
 * Cloud Storage's documented StorageObjectData shape (adapters/gcp-functions/src/testing/fixtures/
 * storage-object-finalized.json). No emulator of Cloud Storage or Eventarc runs here: the bucket is
 * the adapter's stand-in of the JSON API's media endpoints, and the event is built from what it stored.
 */
export async function uploadObject(gcs: GcsStandIn, bucket: string, name: string, content: Uint8Array) {
  const finalized = new Promise<StorageObjectData>((resolve) => {
    gcs.onFinalized = resolve;
  });
  const url = `${gcs.url}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=media&name=${encodeURIComponent(name)}`;
  const uploaded = await fetch(url, { method: "POST", headers: { "content-type": "text/csv" }, body: content });
  if (!uploaded.ok) throw new Error(`upload of ${name} answered ${uploaded.status}`);
  return finalizedEvent(await finalized);
}

/** The request Eventarc sends for google.cloud.storage.object.v1.finalized (binary content mode). */
export function finalizedEvent(object: StorageObjectData) {
  const time = new Date().toISOString();
  const path = `${object.bucket}/o/${encodeURIComponent(object.name)}`;
  const data = {
    kind: "storage#object",
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `https://www.googleapis.com/storage/v1/b/${path}`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: "1",
    contentType: "text/csv",
    timeCreated: time,
    updated: time,
    storageClass: "STANDARD",
    timeStorageClassUpdated: time,
    size: object.size,
    md5Hash: object.md5Hash,
    mediaLink: `https://storage.googleapis.com/download/storage/v1/b/${path}?generation=${object.generation}&alt=media`,
  };
  return {
    headers: {
      "content-type": "application/json",
      "ce-specversion": "1.0",
      "ce-id": randomBytes(8).readBigUInt64BE().toString(),
      "ce-source": `//storage.googleapis.com/projects/_/buckets/${object.bucket}`,
      "ce-type": "google.cloud.storage.object.v1.finalized",
      "ce-subject": `objects/${object.name}`,
      "ce-time": time,
    },
    body: JSON.stringify(data),
  };
}
