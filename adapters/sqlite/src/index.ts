export type { SqliteOptions } from "./database.js";
export { SchemaTooNew, CollectionMismatch } from "./errors.js";
export { DEFAULT_SQLITE_PATH } from "./settings.js";
export { sqliteDocuments, openSqliteDocuments, type SqliteDocumentsOptions } from "./documents/sqlite-documents.js";
