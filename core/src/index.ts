// The function model
export type { HttpRequest, HttpResponse } from "./function/http.js";
export type { Message, MessageFailure, BatchResult } from "./function/message.js";
export type { ScheduleTick } from "./function/schedule.js";
export type { Context, Cloud } from "./function/context.js";
export type { HttpHandler, QueueHandler, ScheduleHandler, Lazy } from "./function/handlers.js";
export type { QueueEvent } from "./function/message.js";
export { DEADLINE_RESERVE_MS, pastDeadline } from "./function/deadline.js";

// Observability
export { parseTraceparent, validTraceparent, formatTraceparent, type TraceParent } from "./observability/traceparent.js";

// Apps: named functions, each a handler with one trigger
export type {
  App,
  AppFunction,
  AnyAppFunction,
  AppInstance,
  FunctionOptions,
  HandlerOf,
  Platform,
  TriggerKind,
  TriggerKinds,
  TriggerOf,
  Wiring,
} from "./app/app.js";
export { defineApp, functionOf, functionsOf, publishedTopics, topicVariable, AppDeclarationError, TOPIC_NAME } from "./app/declaration.js";
export { lazyHandler } from "./app/lazy-handler.js";
export { http, type HttpTrigger, type HttpOptions } from "./app/http-function.js";
export { queue, type QueueTrigger } from "./app/queue-function.js";
export { routeMessages, PoisonMessage, type MessageConsumer } from "./app/queue-router.js";
export { changes, type ChangesTrigger } from "./app/changes-function.js";
export { routeChanges, documentConsumer, type ChangeConsumer, type DocumentChangeConsumer } from "./app/change-router.js";
export type { Change, ChangesHandler } from "./function/change.js";
export type { ChangeFeed } from "./ports/change-feed.js";
export {
  ScannedChangeFeed,
  type DeclaredCollections,
  type DocumentVersion,
  type VersionedCollections,
  type VersionedDocument,
} from "./ports/scanned-change-feed.js";
export { processStream, type StreamConsumer, type StreamEvent } from "./app/stream-processor.js";
export { redeliverStream, type Redelivery, type StreamDeadLetter } from "./app/stream-redelivery.js";
export { stream, streamVariable, type StreamTrigger } from "./app/stream-function.js";
export type { StreamRecord, StreamFailure, StreamFailureReason, StreamBatchResult, StreamHandler } from "./function/stream.js";
export { schedule, type ScheduleTrigger } from "./app/schedule-function.js";
export { objectCreated, BUCKET_NAME, type ObjectCreatedTrigger } from "./app/object-function.js";
export { parseSchedule, nextRun, ScheduleError, type Schedule, type Rate, type Cron } from "./app/schedule-expression.js";
export { createRouter, type Route, type RouteHandler } from "./http/router.js";
export { route } from "./http/route.js";
export type { Checked, DeclaredAnswer, DeclaredRoute, InputSchema, RouteInput, RouteMethod, RouteSpec } from "./http/declared-route.js";
export type { DeclaredRoutes } from "./http/declared-routes.js";
export { appOpenApiDocument, type HttpApi } from "./openapi/app-document.js";
export { registerValidators, routeSchemas, schemaKey } from "./http/schema-validators.js";
export type { SchemaError, SchemaValidator } from "./http/schema-errors.js";
export { json } from "./http/json.js";
export { versionTag, notModified, writeCondition, putConditionally, deleteConditionally } from "./http/document-conditions.js";
export { answerIdempotently, type IdempotencyKeys } from "./idempotency/idempotent.js";
export { Problem, AppProblem, type FieldError, type ProblemDefinition } from "./http/problem.js";
export { problems, UNRESOLVABLE_PROBLEM_BASE, type AppProblems, type ProblemsDeclaration } from "./app/problems.js";
export { canonicalJson } from "./json/canonical-json.js";

// Secrets: declared by name, read through the services, kept for a TTL, never logged
export { secret, secretVariable, SECRET_NAME, type SecretDeclaration } from "./secrets/declaration.js";
export { SecretNotListed, SecretReadFailed, SecretUnavailable, type SecretFailure, type SecretSource, type Secrets } from "./secrets/secrets.js";
export { CachedSecrets, cachedSecrets, readSecretTtl, servicesFor, SECRET_TTL_VARIABLE, type CachedSecretsOptions } from "./secrets/cached-secrets.js";

// Portable data: collections on every store
export { collection, collectionVariable, collectionLocation, CollectionDeclarationError, COLLECTION_NAME } from "./collections/declaration.js";
export type { CollectionDeclaration, CollectionOptions, KeyFields, KeyShape } from "./collections/declaration.js";
export type {
  Collection,
  Documents,
  DocumentKey,
  Versioned,
  Query,
  QueryPage,
  SortCondition,
  WriteCondition,
  Operation,
  OperationResult,
  PutOutcome,
} from "./collections/collection.js";
export { memoryDocuments } from "./collections/memory-documents.js";
export { lazyDocuments, deferredDocuments, type DocumentsLoader } from "./collections/lazy-documents.js";
export { changeFeedOf, type DocumentChange, type DocumentChangeFeed } from "./collections/change.js";
export { withDeclaredChanges, ensuredDocuments } from "./collections/declared-changes.js";
export { STORED_FIELDS, storedDocumentOf } from "./collections/stored.js";
export {
  MAX_DOCUMENT_BYTES,
  MAX_KEY_BYTES,
  checkDocument,
  checkKey,
  keyOf,
  isExpired,
  expiresAtOf,
  compareKeys,
  fieldsOf,
  newVersion,
  type CheckedDocument,
} from "./collections/rules.js";
export {
  planQuery,
  meetsCondition,
  inPartition,
  positionOf,
  comparePositions,
  encodeCursor,
  decodeCursor,
  decodePosition,
  afterCursor,
  DEFAULT_QUERY_LIMIT,
  MAX_QUERY_LIMIT,
  type QueryPlan,
  type Position,
} from "./collections/query-plan.js";
export {
  planTransaction,
  checkPutMany,
  MAX_TRANSACTION_OPERATIONS,
  MAX_PUT_MANY,
  MAX_TRANSACTION_BYTES,
  type PlannedOperation,
} from "./collections/transaction-plan.js";

// Ports
export type { Logger, LogLevel, LogFields } from "./ports/logger.js";
export { jsonLogger, silentLogger, hideInLogs, type JsonLoggerOptions } from "./ports/json-logger.js";
export { stdoutMetricWrite, type MetricUnit, type MetricWrite, type Metrics } from "./ports/metrics.js";
export { systemClock, type Clock } from "./ports/clock.js";
export { randomHex } from "./ports/entropy.js";
export type { IdempotencyStore, IdempotencyRecord, StoredResponse, BeginResult } from "./ports/idempotency-store.js";
export type { EventPublisher } from "./ports/event-publisher.js";
export type { ObjectStore, ObjectStores } from "./ports/object-store.js";
export type { CreatedObject, ObjectHandler } from "./function/object.js";
export {
  VersionConflict,
  DocumentExists,
  DocumentTooLarge,
  InvalidDocument,
  InvalidQuery,
  InvalidCursor,
  StoreUnavailable,
  IdempotencyRecordMissing,
  type ErrorKey,
} from "./ports/errors.js";
export { isNetworkError } from "./ports/network-errors.js";

// Identity
export type { Caller, IdentityCheck } from "./auth/identity.js";
export { Unauthenticated } from "./auth/identity.js";
export { jwtIdentity } from "./auth/jwt-identity.js";
export { readAuthSettings, type AuthSettings } from "./auth/settings.js";
export { readCorsPolicy, type CorsPolicy } from "./http/cors.js";

// Configuration
export { ConfigError, envReader, readAll, type ConfigProblem, type Env, type EnvReader } from "./config/env.js";
export { readProblemBase } from "./config/problem-base.js";
export { readConfig, readLogLevel, MEMORY_STORE, LOG_LEVELS, type SkyportConfig, type StoreChoice, type StoreKind } from "./config/config.js";

// HTTP answers the runtime adapters share
export { MAX_BODY_BYTES } from "./http/body.js";
export { describe as describeError } from "./http/describe.js";
export { PROBLEM_BASE } from "./http/problem.js";
export { startupFailureResponse } from "./http/handle.js";

// Idempotency-Keys: their collection and store, for idempotent routes
export { idempotencyCollection, type IdempotencyDocument } from "./idempotency/collection.js";
export { collectionIdempotencyStore, heldRecord } from "./idempotency/collection-store.js";

// In memory: for demos, smoke tests and unit tests
export { MemoryIdempotencyStore } from "./memory/idempotency-store.js";
export { MemoryOutbox } from "./memory/outbox.js";
