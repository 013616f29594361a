import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { envReader, type Env, type Stores } from "@skyport/core";
import { openDatabase, type SqliteOptions } from "./database.js";
import { SqliteIdempotencyStore } from "./idempotency-store.js";
import { SqliteOrderStore } from "./order-store.js";
import { SqliteOutbox } from "./outbox.js";

export const DEFAULT_SQLITE_PATH = ".data/orders.db";

/** Both stores and their outbox on one file; for tests and for callers that already know the path. */
export function openSqliteStores(path: string, options: SqliteOptions = {}): Stores {
  const db = openDatabase(path, options);
  return {
    orders: new SqliteOrderStore(db),
    idempotency: new SqliteIdempotencyStore(db),
    changes: new SqliteOutbox(db),
    async close() {
      db.close();
    },
  };
}

/** The stores the configuration asks for: SKYPORT_SQLITE_PATH, default `.data/orders.db`. */
export function sqliteStores(env: Env): Stores {
  const path = envReader(env).string("SKYPORT_SQLITE_PATH", DEFAULT_SQLITE_PATH);
  mkdirSync(dirname(path), { recursive: true });
  return openSqliteStores(path);
}
