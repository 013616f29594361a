import { collectionLocation, envReader, systemClock, type Clock, type Documents, type Env } from "@skyport/core";
import type { SqliteOptions } from "../database.js";
import { mapSqliteErrors } from "../sqlite-errors.js";
import { DEFAULT_SQLITE_PATH } from "../settings.js";
import { documentChanges } from "./document-changes.js";
import { documentFile } from "./document-file.js";
import { ensureCollection } from "./ensure-collection.js";
import { sqliteCollection } from "./sqlite-collection.js";

/** Options of `sqliteDocuments`: the database's, where each collection lives, and the clock expiry is read by. */
export interface SqliteDocumentsOptions extends SqliteOptions {
  /** Where each collection lives: SKYPORT_COLLECTION_<NAME>, else its name. */
  env?: Env;
  /** What expiry is read by; the process's clock by default. */
  clock?: Clock;
}

/** Every collection in one SQLite file, opened at the first call; for tests and callers that know the path. */
export function openSqliteDocuments(path: string, options: SqliteDocumentsOptions = {}): Documents {
  return documentsIn(path, options, false);
}

/** SKYPORT_STORE=sqlite: the file SKYPORT_SQLITE_PATH names (default `.data/orders.db`), its directory made at the first call. */
export function sqliteDocuments(env: Env): Documents {
  const path = envReader(env).string("SKYPORT_SQLITE_PATH", DEFAULT_SQLITE_PATH);
  return documentsIn(path, { env }, true);
}

function documentsIn(path: string, options: SqliteDocumentsOptions, createDirectory: boolean): Documents {
  const { env = {}, clock = systemClock, ...sqlite } = options;
  const file = documentFile(path, sqlite, createDirectory);
  return {
    changes: documentChanges(file, (name) => collectionLocation(env, { name })),
    collection(declaration) {
      return sqliteCollection(file, collectionLocation(env, declaration), declaration, clock);
    },
    async ensure(declarations) {
      for (const declaration of declarations) {
        mapSqliteErrors(() => ensureCollection(file.statements(), collectionLocation(env, declaration), declaration));
      }
    },
    async close() {
      file.close();
    },
  };
}
