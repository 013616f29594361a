export { sqliteStores, openSqliteStores, DEFAULT_SQLITE_PATH } from "./stores.js";
export type { SqliteOptions } from "./database.js";
export { SchemaTooNew, CollectionMismatch } from "./errors.js";
export { sqliteDocuments, openSqliteDocuments, type SqliteDocumentsOptions } from "./documents/sqlite-documents.js";
