import Database from "better-sqlite3";
import { applySchema } from "./schema.js";

/** Options of a SQLite database: how long a write waits for another connection's lock. */
export interface SqliteOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Opens (or creates) the file in WAL mode, so readers never wait for the one writer. */
export function openDatabase(path: string, options: SqliteOptions = {}): Database.Database {
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  try {
    db.pragma("journal_mode = WAL");
    // In WAL mode NORMAL survives a process crash; only a power loss can drop the last commits.
    db.pragma("synchronous = NORMAL");
    applySchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
