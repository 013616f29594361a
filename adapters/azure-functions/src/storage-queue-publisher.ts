import { DefaultAzureCredential } from "@azure/identity";
import { QueueClient, type StoragePipelineOptions } from "@azure/storage-queue";
import type { EventPublisher, OrderEvent } from "@skyport/core";
import type { StorageQueueConfig } from "./storage-queue-config.js";

// The publish happens inside POST /orders: a few quick tries, never a long hang.
const PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 3, tryTimeoutInMs: 5_000, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 } };

/** The Storage queue message for an event: base64 text, as the Functions host decodes by default. */
export function storageQueueText(event: OrderEvent, traceparent?: string): string {
  // Storage messages have no attributes: traceparent travels inside the JSON.
  const json = JSON.stringify(traceparent ? { ...event, traceparent } : event);
  return Buffer.from(json, "utf8").toString("base64");
}

/** Sends order events to the orders queue that the app.storageQueue function consumes. */
export class StorageQueuePublisher implements EventPublisher {
  constructor(private readonly queue: QueueClient) {}

  async publish(event: OrderEvent, traceparent?: string): Promise<void> {
    await this.queue.sendMessage(storageQueueText(event, traceparent));
  }
}

/** A connection string only for azurite; in Azure, the app's managed identity. */
export function storageQueuePublisher(config: StorageQueueConfig): StorageQueuePublisher {
  const client =
    "connectionString" in config
      ? new QueueClient(config.connectionString, config.queueName, PIPELINE)
      : new QueueClient(`${config.serviceUrl}/${config.queueName}`, new DefaultAzureCredential(), PIPELINE);
  return new StorageQueuePublisher(client);
}
