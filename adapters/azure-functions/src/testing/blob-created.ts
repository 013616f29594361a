import { randomUUID } from "node:crypto";
import type { EventGridEvent } from "@azure/functions";
import type { BlobClient } from "@azure/storage-blob";

/**
 * The `Microsoft.Storage.BlobCreated` event Event Grid would deliver for a blob in `container`, in
 * its documented shape (Event Grid schema), from what the storage account says of the blob: azurite
 * emits no Event Grid events, so tests build them from the blob they wrote.
 */
export async function blobCreatedEvent(blob: BlobClient, container: string, name: string): Promise<EventGridEvent> {
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
}
