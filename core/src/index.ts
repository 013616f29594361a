// The function model
export type { HttpRequest, HttpResponse } from "./function/http.js";
export type { Message, MessageFailure, BatchResult } from "./function/message.js";
export type { ScheduleTick } from "./function/schedule.js";
export type { Context, Cloud } from "./function/context.js";
export type { NeutralFunctions, LazyFunctions } from "./function/functions.js";

// Ports
export type { Logger, LogLevel, LogFields } from "./ports/logger.js";
export { jsonLogger, silentLogger, type JsonLoggerOptions } from "./ports/json-logger.js";
export { systemClock, type Clock } from "./ports/clock.js";
export { ulidIds, ORDER_ID_PATTERN, type Ids } from "./ports/ids.js";
export { randomHex } from "./ports/entropy.js";
export type { OrderStore, Page, PageRequest, StatusQuery } from "./ports/order-store.js";
export type { IdempotencyStore, IdempotencyRecord, StoredResponse, BeginResult } from "./ports/idempotency-store.js";
export type { EventPublisher, OrderEvent, OrderCreated } from "./ports/event-publisher.js";
export type { Stores } from "./ports/stores.js";
export { OrderExists, VersionConflict, InvalidCursor, StoreUnavailable, IdempotencyRecordMissing } from "./ports/errors.js";
export { isNetworkError } from "./ports/network-errors.js";
export { encodeKeyset, decodeKeyset, customerList, statusList, newestFirst, type KeysetPosition } from "./ports/keyset.js";

// Configuration
export { ConfigError, envReader, type Env, type EnvReader } from "./config/env.js";
export { readConfig, STORE_KINDS, LOG_LEVELS, type SkyportConfig, type StoreKind } from "./config/config.js";

// The order domain
export type { Order, OrderItem, OrderStatus, NewOrder } from "./orders/order.js";
export { ORDER_STATUSES, orderTotal } from "./orders/order.js";
export type { OrderDeps } from "./orders/deps.js";
export type { CleanupReport } from "./orders/cleanup.js";
export { createOrderService, type OrderService } from "./orders/service.js";
export { MAX_BODY_BYTES } from "./http/body.js";
export { describe as describeError } from "./http/describe.js";
export { PROBLEM_BASE } from "./http/problem.js";
export { startupFailureResponse } from "./http/handle.js";

// The reference store
export { MemoryOrderStore } from "./memory/order-store.js";
export { MemoryIdempotencyStore } from "./memory/idempotency-store.js";
export { memoryStores } from "./memory/stores.js";
