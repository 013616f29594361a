import { StoreUnavailable } from "@skyport/core";
import Database from "better-sqlite3";

// Locks held past busy_timeout, I/O failures and a full disk pass; anything else is a bug.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)(_|$)/;

/** Runs one store operation, turning "the file cannot serve us now" into `StoreUnavailable`. */
export function mapSqliteErrors<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof Database.SqliteError && UNAVAILABLE.test(error.code)) throw new StoreUnavailable(error);
    throw error;
  }
}
