export { sqliteStores, openSqliteStores, DEFAULT_SQLITE_PATH } from "./stores.js";
export { SqliteOrderStore } from "./order-store.js";
export { SqliteIdempotencyStore } from "./idempotency-store.js";
export { SqliteOutbox } from "./outbox.js";
export type { SqliteOptions } from "./database.js";
export { SchemaTooNew } from "./errors.js";
export { sqliteDocuments, openSqliteDocuments, type SqliteDocumentsOptions } from "./documents/sqlite-documents.js";
export { CollectionMismatch } from "./errors.js";
