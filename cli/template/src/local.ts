import { memoryDocuments, MEMORY_STORE, type Env, type Platform } from "@skyport/core";
import { SQLITE_STORE } from "@skyport/sqlite/settings";
import { instance } from "./services.js";

/** On one machine: an SQLite file (SKYPORT_SQLITE_PATH) by default, or SKYPORT_STORE=memory. */
export default (env: Env, platform: Platform) =>
  instance("local", env, platform, {
    loaders: {
      [SQLITE_STORE]: (env) => import("@skyport/sqlite").then((m) => m.sqliteDocuments(env)),
      [MEMORY_STORE]: () => memoryDocuments(),
    },
    defaultStore: SQLITE_STORE,
  });
