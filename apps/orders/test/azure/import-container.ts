import { randomUUID } from "node:crypto";
import type { EventGridEvent } from "@azure/functions";
import { BlobServiceClient } from "@azure/storage-blob";

/**
 * The import container of the template (the storage account's `orders-imports`) on azurite. Azurite
 * emits no Event Grid events: `put` writes the blob and builds the `Microsoft.Storage.BlobCreated`
 * event Event Grid would deliver for it, in its documented shape, from what azurite says of the blob.
 */
export async function importContainer(connectionString: string, container = "orders-imports") {
  const blobs = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  await blobs.createIfNotExists();
  return {
    async put(name: string, body: string): Promise<EventGridEvent> {
      const blob = blobs.getBlockBlobClient(name);
      await blob.upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: "application/x-ndjson" } });
      const properties = await blob.getProperties();
      return {
        id: randomUUID(),
        topic: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/skyport/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
        subject: `/blobServices/default/containers/${container}/blobs/${name}`,
        eventType: "Microsoft.Storage.BlobCreated",
        eventTime: new Date().toISOString(),
        data: {
          api: "PutBlob",
          requestId: properties.requestId,
          eTag: properties.etag,
          contentType: properties.contentType,
          contentLength: properties.contentLength,
          blobType: "BlockBlob",
          url: blob.url,
          sequencer: "0000000000000000000000000000000000000000000000000000000000000000",
        },
        dataVersion: "",
        metadataVersion: "1",
      };
    },
    /** A blob's content, or undefined if there is none. */
    async read(name: string): Promise<string | undefined> {
      const blob = blobs.getBlobClient(name);
      if (!(await blob.exists())) return undefined;
      return (await blob.downloadToBuffer()).toString("utf8");
    },
  };
}
