import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { StoreUnavailable } from "@skyport/core";
import { openDatabase, type SqliteOptions } from "../database.js";
import { mapSqliteErrors } from "../sqlite-errors.js";
import { DocumentStatements } from "./document-statements.js";

/** The SQLite file behind the collections, opened at the first call that needs it. */
export interface DocumentFile {
  /** The open file's statements; a file that cannot be opened is `StoreUnavailable`, and the next call tries again. */
  statements(): DocumentStatements;
  close(): void;
}

/**
 * Opens lazily, so that a file that cannot be opened fails a call (with StoreUnavailable) rather than
 * the factory, as an unreachable endpoint does on the other stores. `createDirectory` makes the file's
 * directory first, as `sqliteDocuments(env)` does.
 */
export function documentFile(path: string, options: SqliteOptions, createDirectory: boolean): DocumentFile {
  let open: DocumentStatements | undefined;
  let closed = false;
  return {
    statements() {
      if (closed) throw new Error("these SQLite documents were closed");
      open ??= openStatements(path, options, createDirectory);
      return open;
    },
    close() {
      closed = true;
      open?.db.close();
      open = undefined;
    },
  };
}

function openStatements(path: string, options: SqliteOptions, createDirectory: boolean): DocumentStatements {
  const directory = dirname(path);
  try {
    if (createDirectory) mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StoreUnavailable(error);
  }
  // better-sqlite3 refuses a missing directory with a TypeError of its own; it is a file that cannot be opened all the same.
  if (!existsSync(directory)) throw new StoreUnavailable(new Error(`the directory of ${path} does not exist`));
  return mapSqliteErrors(() => {
    const db = openDatabase(path, options);
    try {
      return new DocumentStatements(db);
    } catch (error) {
      db.close();
      throw error;
    }
  });
}
