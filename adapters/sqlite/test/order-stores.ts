import { ensuredDocuments, idempotencyCollection, type Documents } from "@skyport/core";
import { orderStoresOn, ordersCollection, type Stores } from "@skyport/core/orders";
import { openSqliteDocuments, type SqliteOptions } from "../src/index.js";

/** Core's order stores on SQLite documents, their two collections made first (as the local server's SQLite loader does). */
export async function orderStoresIn(documents: Documents): Promise<Stores> {
  return orderStoresOn(await ensuredDocuments(documents, [ordersCollection, idempotencyCollection]));
}

/** The order stores on a given file. */
export const openOrderStores = (path: string, options: SqliteOptions = {}): Promise<Stores> => orderStoresIn(openSqliteDocuments(path, options));
