// An app's functions for the Google Cloud Functions framework (2nd gen), registered by name.
export { registerGcpApp, registerGcpFunctions } from "./register.js";
export { cloudSchedulerSchedule } from "./scheduler/cloud-scheduler-schedule.js";

// One function per trigger kind: HTTP, Pub/Sub push, Cloud Scheduler.
export { httpFunction } from "./http/function.js";
export { pubsubQueueFunction } from "./pubsub/queue-function.js";
export { schedulerFunction } from "./scheduler/scheduler-function.js";
export { gcpFunctionOptions, type GcpFunctionOptions } from "./context.js";
export { cloudLoggingFormat } from "./logging.js";
export { traceparentOf } from "./http/trace.js";
export { installParserRecovery } from "./http/parser-recovery.js";
export { pushEventToMessage, MESSAGE_PUBLISHED, type MessagePublishedData } from "./pubsub/push-event.js";
export { PubSubEventPublisher, pubSubPublisherConfig, pubSubTopics, type PubSubPublisherConfig } from "./pubsub/publisher.js";
export { RedeliverMessage, MalformedPushEvent } from "./errors.js";
