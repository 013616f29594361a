import type { QueueClient, StoragePipelineOptions } from "@azure/storage-queue";
import type { Env, EventPublisher, QueueEvent } from "@skyport/core";
import { azureCredential } from "../credential.js";
import { readStorageQueueConfig, type StorageQueueConfig } from "./publisher-config.js";

// A publish may happen inside an HTTP request: a few quick tries, never a long hang.
const PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 3, tryTimeoutInMs: 5_000, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 } };

/** The Storage queue message for an event: base64 text, as the Functions host decodes by default. */
export function toStorageQueueMessage(event: QueueEvent, traceparent?: string): string {
  // Storage messages have no attributes: traceparent travels inside the JSON.
  const json = JSON.stringify(traceparent ? { ...event, traceparent } : event);
  return Buffer.from(json, "utf8").toString("base64");
}

/**
 * Sends events to one Storage queue, with a client made on the first publish: the SDK is loaded
 * then, not at cold start (a function that never publishes never loads it).
 */
export class StorageQueueEventPublisher implements EventPublisher {
  private queue?: Promise<QueueClient>;

  constructor(private readonly makeQueue: () => Promise<QueueClient>) {}

  async publish(event: QueueEvent, traceparent?: string): Promise<void> {
    this.queue ??= this.makeQueue().catch((error: unknown) => {
      this.queue = undefined;
      throw error;
    });
    await (await this.queue).sendMessage(toStorageQueueMessage(event, traceparent));
  }
}

/** A connection string only for azurite; in Azure, the app's managed identity. */
export function storageQueueEventPublisher(config: StorageQueueConfig): StorageQueueEventPublisher {
  return new StorageQueueEventPublisher(async () => {
    const { QueueClient } = await import("@azure/storage-queue");
    return "connectionString" in config
      ? new QueueClient(config.connectionString, config.queueName, PIPELINE)
      : new QueueClient(`${config.serviceUrl}/${config.queueName}`, azureCredential(), PIPELINE);
  });
}

/** The runtime's queues (`Platform.queue`) on Azure: each topic's Storage queue, its settings read now. */
export function storageQueues(env: Env): (topic: string) => StorageQueueEventPublisher {
  return (topic) => storageQueueEventPublisher(readStorageQueueConfig(env, topic));
}
