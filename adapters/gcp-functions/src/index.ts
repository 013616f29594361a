// An app's functions for the Google Cloud Functions framework (2nd gen), registered by name.
export { registerGcpApp, registerGcpFunctions, registerGcpFunctionOf } from "./register.js";
export { readAdapterOptions, type AdapterOptions } from "./options.js";
export { toContext } from "./context.js";
export { traceparentOf, fromCloudTraceContext } from "./trace.js";
export { cloudLoggingFormat } from "./logging.js";
export { cloudLoggingMetrics } from "./metrics.js";
export { RedeliverMessage, MalformedPushEvent } from "./errors.js";

// HTTP: the framework's Express request in, its response out.
export { gcpHttpHandler } from "./http/handler.js";
export { fromFrameworkRequest } from "./http/request.js";
export { toFrameworkResponse } from "./http/response.js";
export { installParserRecovery } from "./http/parser-recovery.js";

// Queue: Pub/Sub push CloudEvents in; beside it, the Pub/Sub publisher.
export { gcpQueueHandler } from "./queue/handler.js";
export { fromPushEvent, MESSAGE_PUBLISHED, type MessagePublishedData } from "./queue/push-event.js";
export { PubSubEventPublisher, pubSubTopics } from "./queue/publisher.js";
export { readPubSubConfig, type PubSubConfig } from "./queue/publisher-config.js";

// Schedule: Cloud Scheduler's HTTP target, and the declaration's schedule as its unix-cron.
export { gcpScheduleHandler } from "./schedule/handler.js";
export { fromSchedulerRequest } from "./schedule/scheduler-request.js";
export { cloudSchedulerSchedule } from "./schedule/expression.js";

// Stream: an ordered Pub/Sub push subscription's messages in; poison published to the dead-letter topic.
export { gcpStreamHandler } from "./stream/handler.js";
export { fromPushBody, isPushBody, type PushBody } from "./stream/push-body.js";
export { PubSubStreamDeadLetters, pubSubStreamDeadLetters, DEAD_LETTERS_VARIABLE, type StreamDeadLetters } from "./stream/dead-letters.js";

// Changes: Eventarc's Firestore document.v1 CloudEvents (created, updated, deleted, written) in.
export { gcpChangesHandler } from "./changes/handler.js";

// Object: Eventarc's Cloud Storage object.v1.finalized CloudEvents in, Cloud Storage as the object store.
export { gcpObjectHandler } from "./object/handler.js";
export { fromStorageEvent, FINALIZED, MalformedStorageEvent, type StorageObjectData } from "./object/storage-event.js";
export { gcsObjects } from "./object/object-store.js";

// Secrets: Secret Manager (over its REST API) as the secret source of a function that reads secrets.
export { secretManagerSecrets } from "./secrets.js";
