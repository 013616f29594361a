import type { EventGridEvent } from "@azure/functions";
import { BlobServiceClient } from "@azure/storage-blob";
import { blobCreatedEvent } from "@skyport/azure-functions/testing";

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
      return blobCreatedEvent(blob, container, name);
    },
    /** A blob's content, or undefined if there is none. */
    async read(name: string): Promise<string | undefined> {
      const blob = blobs.getBlobClient(name);
      if (!(await blob.exists())) return undefined;
      return (await blob.downloadToBuffer()).toString("utf8");
    },
  };
}
