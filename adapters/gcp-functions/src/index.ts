// Functions for the Google Cloud Functions framework (2nd gen): HTTP, Pub/Sub push, Cloud Scheduler.
export { registerGcpFunctions, type GcpFunctionNames } from "./register.js";
export { httpFunction } from "./http/function.js";
export { pubsubQueueFunction } from "./pubsub/queue-function.js";
export { schedulerCleanupFunction } from "./scheduler/cleanup-function.js";
export type { NeutralFunctions, LazyFunctions } from "@skyport/core";
export { gcpFunctionOptions, type GcpFunctionOptions } from "./context.js";
export { cloudLoggingFormat } from "./logging.js";
export { traceparentOf } from "./http/trace.js";
export { installParserRecovery } from "./http/parser-recovery.js";
export { pushEventToMessage, MESSAGE_PUBLISHED, type MessagePublishedData } from "./pubsub/push-event.js";
export { PubSubEventPublisher, pubSubPublisherConfig, type PubSubPublisherConfig } from "./pubsub/publisher.js";
export { RedeliverMessage, MalformedPushEvent } from "./errors.js";
