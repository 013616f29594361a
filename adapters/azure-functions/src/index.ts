// An app's functions, registered with the Functions host by name.
export { registerAzureApp, registerAzureFunctions } from "./register.js";
export { readAdapterOptions, hostSettings, type AdapterOptions, type QueueHandlerOptions, type RegistrationOptions, type HostJson } from "./options.js";
export { toContext } from "./context.js";
export { traceparentOf } from "./trace.js";
export { invocationLogger } from "./logging.js";
export { invocationMetrics } from "./metrics.js";
export { MessageNotProcessed } from "./errors.js";

// HTTP: app.http's HttpRequest in, HttpResponseInit out.
export { azureHttpHandler } from "./http/handler.js";
export { fromHttpRequest } from "./http/request.js";
export { toHttpResponseInit } from "./http/response.js";

// Queue: app.storageQueue's message in; beside it, the Storage Queue publisher.
export { azureQueueHandler } from "./queue/handler.js";
export { fromStorageQueueMessage } from "./queue/storage-queue-message.js";
export { StorageQueueEventPublisher, storageQueueEventPublisher, storageQueues, toStorageQueueMessage } from "./queue/publisher.js";
export { readStorageQueueConfig, type StorageQueueConfig } from "./queue/publisher-config.js";

// Schedule: app.timer, and the declaration's schedule as its NCRONTAB.
export { azureScheduleHandler } from "./schedule/handler.js";
export { ncrontabSchedule } from "./schedule/expression.js";

// Stream: app.eventHub's batch (cardinality many) in; what still fails to a Storage queue output.
export { azureStreamHandler, STREAM_ATTEMPTS, type StreamBinding } from "./stream/handler.js";
export { fromEventHubBatch, toDeadLetterMessage as toStreamDeadLetterMessage, type EventHubBatchMetadata } from "./stream/event-hub-batch.js";

// Object: Event Grid's Microsoft.Storage.BlobCreated events in, Blob Storage as the object store.
export { azureObjectHandler } from "./object/handler.js";
export { fromBlobCreated, BLOB_CREATED, MalformedBlobEvent } from "./object/blob-created-event.js";
export { blobObjects } from "./object/object-store.js";
export { azureCredential } from "./credential.js";

// Secrets: Key Vault as the app's secret source, by its managed identity.
export { keyVaultSecrets, KEY_VAULT_URL_VARIABLE, type KeyVaultOptions } from "./secrets.js";
