// An app's functions, registered with the Functions host by name.
export { registerAzureApp, registerAzureFunctions, type RegistrationOptions } from "./register.js";
export { hostSettings, type HostJson } from "./host-settings.js";
export { ncrontabSchedule } from "./ncrontab-schedule.js";
export type { AdapterOptions } from "./options.js";

// One handler per trigger kind, each a translation both ways.
export { azureHttpHandler } from "./http-handler.js";
export { azureQueueHandler, type QueueHandlerOptions } from "./queue-handler.js";
export { azureTimerHandler } from "./timer-handler.js";
export { toNeutralRequest } from "./http-request.js";
export { toHttpResponseInit } from "./http-response.js";
export { toContext } from "./invocation-context.js";
export { storageQueueMessage } from "./storage-queue-message.js";
export { MessageNotProcessed } from "./errors.js";

// The queue publisher.
export { readStorageQueueConfig, type StorageQueueConfig } from "./storage-queue-config.js";
export { StorageQueuePublisher, storageQueuePublisher, storageQueues, storageQueueText } from "./storage-queue-publisher.js";
