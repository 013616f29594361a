import type { Env, ObjectStore, ObjectStores } from "@skyport/core";
import { envReader } from "@skyport/core";
import type { BlobServiceClient } from "@azure/storage-blob";
import { azureCredential } from "../credential.js";

/**
 * Blob Storage as core's object store, the SDK imported on the first read or write so that only
 * the function that handles objects loads it. SKYPORT_BLOB_SERVICE_URL with the app's managed
 * identity in the cloud, or SKYPORT_STORAGE_CONNECTION_STRING (azurite).
 */
export function blobObjects(env: Env = process.env): ObjectStores {
  const read = envReader(env);
  const connectionString = read.optional("SKYPORT_STORAGE_CONNECTION_STRING");
  const serviceUrl = connectionString ? undefined : read.optional("SKYPORT_BLOB_SERVICE_URL");
  let service: Promise<BlobServiceClient> | undefined;
  const load = () =>
    (service ??= (async () => {
      const { BlobServiceClient } = await import("@azure/storage-blob");
      if (connectionString) return BlobServiceClient.fromConnectionString(connectionString);
      if (!serviceUrl) throw new Error("an object function needs SKYPORT_BLOB_SERVICE_URL (or SKYPORT_STORAGE_CONNECTION_STRING)");
      return new BlobServiceClient(serviceUrl, azureCredential());
    })());
  return (container): ObjectStore => ({
    async read(name) {
      const { readableStreamBody } = await (await load()).getContainerClient(container).getBlobClient(name).download();
      if (!readableStreamBody) throw new Error(`${container}/${name} has no body`);
      return readableStreamBody as AsyncIterable<Uint8Array>;
    },
    async write(name, body, contentType) {
      const blob = (await load()).getContainerClient(container).getBlockBlobClient(name);
      await blob.upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: contentType } });
    },
  });
}
