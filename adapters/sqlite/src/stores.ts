import { changeFeedOf, envReader, idempotencyCollection, orderStoresOn, ordersCollection, type Documents, type Env, type Stores } from "@skyport/core";
import type { SqliteOptions } from "./database.js";
import { openSqliteDocuments, sqliteDocuments } from "./documents/sqlite-documents.js";

export const DEFAULT_SQLITE_PATH = ".data/orders.db";

/** The order service's stores on one file, its collections made where missing, and their change feed (the `document_changes` outbox). */
async function orderStoresIn(documents: Documents): Promise<Stores> {
  try {
    await documents.ensure([ordersCollection, idempotencyCollection]);
  } catch (error) {
    await documents.close();
    throw error;
  }
  return { ...orderStoresOn(documents), changes: changeFeedOf(documents.changes!) };
}

/** The order stores on a file; for tests and for callers that already know the path. */
export function openSqliteStores(path: string, options: SqliteOptions = {}): Promise<Stores> {
  return orderStoresIn(openSqliteDocuments(path, options));
}

/** The stores the configuration asks for: SKYPORT_SQLITE_PATH, default `.data/orders.db`. */
export function sqliteStores(env: Env): Promise<Stores> {
  envReader(env).string("SKYPORT_SQLITE_PATH", DEFAULT_SQLITE_PATH);
  return orderStoresIn(sqliteDocuments(env));
}
