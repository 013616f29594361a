import type { EventGridEvent } from "@azure/functions";
import { BlobServiceClient } from "@azure/storage-blob";
import { lazyHandler, objectCreated, silentLogger, type AppInstance } from "@skyport/core";
import { importOrders, type OrderDeps } from "@skyport/core/orders";
import { customerOrderCount, importContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { describe, expect, inject, it } from "vitest";
import { azureObjectHandler, blobObjects, fromBlobCreated } from "../src/index.js";
import fixture from "../src/testing/fixtures/blob-created-event.json" with { type: "json" };
import { blobCreatedEvent } from "../src/testing/blob-created.js";
import { hostInvocationContext } from "../src/testing/host-context.js";

const CONTAINER = "orders-imports";

describe("a BlobCreated event", () => {
  it("names the container and the blob from its subject, as written, and carries no content hash (its eTag changes on every write)", () => {
    expect(fromBlobCreated(fixture as EventGridEvent)).toEqual({ bucket: "orders-imports", name: "imports/November orders.csv", size: 524288 });
  });

  it("is refused when it is another event type", () => {
    expect(() => fromBlobCreated({ ...fixture, eventType: "Microsoft.Storage.BlobDeleted" } as EventGridEvent)).toThrow(/not a Microsoft.Storage.BlobCreated/);
  });
});

/**
 * azurite emits no Event Grid events: the test builds Microsoft.Storage.BlobCreated in its
 * documented shape (Event Grid schema) from the blob it wrote and what azurite says of it.
 */
function blobCreated(service: BlobServiceClient, name: string): Promise<EventGridEvent> {
  return blobCreatedEvent(service.getContainerClient(CONTAINER).getBlobClient(name), CONTAINER, name);
}

importContract("Azure Functions over Blob Storage (azurite)", async () => {
  const connectionString = inject("azuriteBlobConnectionString");
  const service = BlobServiceClient.fromConnectionString(connectionString);
  await service.getContainerClient(CONTAINER).createIfNotExists();
  const deps: OrderDeps = memoryOrderDeps();
  const instance: AppInstance<OrderDeps> = { logger: silentLogger, services: async () => deps };
  const fn = objectCreated(CONTAINER, "imports/", (services: OrderDeps) => importOrders(services));
  const objects = blobObjects({ SKYPORT_STORAGE_CONNECTION_STRING: connectionString });
  const handler = azureObjectHandler(lazyHandler(fn, instance), { logLevel: "error" }, objects);
  const events = new Map<string, EventGridEvent>();
  const invoke = (name: string) => handler(events.get(name)!, hostInvocationContext({ functionName: "import", triggerType: "eventGridTrigger" }));
  return {
    async drop(name, content) {
      await service.getContainerClient(CONTAINER).getBlockBlobClient(`imports/${name}`).uploadData(content);
      events.set(name, await blobCreated(service, `imports/${name}`));
      await invoke(name);
    },
    redeliver: async (name) => void (await invoke(name)),
    async report(name) {
      const body = await service.getContainerClient(CONTAINER).getBlobClient(`reports/${name}.json`).downloadToBuffer();
      return JSON.parse(body.toString("utf8"));
    },
    countOrders: async (customerId) => customerOrderCount(deps.orders, customerId),
  };
});

describe("the blob object store", () => {
  it("streams a blob in pieces, never as one buffer", async () => {
    const connectionString = inject("azuriteBlobConnectionString");
    const service = BlobServiceClient.fromConnectionString(connectionString);
    await service.getContainerClient(CONTAINER).createIfNotExists();
    const content = Buffer.alloc(3 * 1024 * 1024, "a");
    await service.getContainerClient(CONTAINER).getBlockBlobClient("imports/large.txt").uploadData(content);
    const chunks: number[] = [];
    for await (const chunk of await blobObjects({ SKYPORT_STORAGE_CONNECTION_STRING: connectionString })(CONTAINER).read("imports/large.txt")) {
      chunks.push(chunk.byteLength);
    }
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(content.byteLength);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
