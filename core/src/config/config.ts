import type { LogLevel } from "../ports/logger.js";
import { envReader, type Env } from "./env.js";

export const STORE_KINDS = ["sqlite", "memory", "dynamodb", "firestore", "cosmos"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** The settings every entry point shares; each store reads its own beside these. */
export interface SkyportConfig {
  store: StoreKind;
  retentionDays: number;
  cleanupPageSize: number;
  logLevel: LogLevel;
}

/** Read once at start; a wrong value throws `ConfigError` naming the variable. */
export function readConfig(env: Env, defaultStore: StoreKind): SkyportConfig {
  const read = envReader(env);
  return {
    store: read.oneOf("SKYPORT_STORE", STORE_KINDS, defaultStore),
    retentionDays: read.integer("SKYPORT_RETENTION_DAYS", 1, 36_500, 30),
    cleanupPageSize: read.integer("SKYPORT_CLEANUP_PAGE_SIZE", 1, 1000, 100),
    logLevel: readLogLevel(env),
  };
}

/** SKYPORT_LOG_LEVEL alone, for runtimes that log before (or without) an app's own configuration. */
export function readLogLevel(env: Env): LogLevel {
  return envReader(env).oneOf("SKYPORT_LOG_LEVEL", LOG_LEVELS, "info");
}
