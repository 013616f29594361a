import type { LogLevel } from "../ports/logger.js";
import { envReader, readAll, type Env } from "./env.js";

/**
 * A store's kind (SKYPORT_STORE's value) is declared by its own package, in its ./settings module:
 * core knows only its own store, memory.
 */
export type StoreKind = string;
/** SKYPORT_STORE's value for the in-memory store, the one core carries itself. */
export const MEMORY_STORE: StoreKind = "memory";
/** SKYPORT_LOG_LEVEL's values, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** The settings every entry point shares; each store reads its own beside these. */
export interface SkyportConfig {
  store: StoreKind;
  retentionDays: number;
  cleanupPageSize: number;
  logLevel: LogLevel;
}

/** The stores an entry point carries (its loaders' keys), and the one it uses unless told otherwise. */
export interface StoreChoice {
  kinds: readonly StoreKind[];
  defaultStore: StoreKind;
}

/**
 * Read once at start. SKYPORT_STORE must name one of the stores the entry carries; every wrong
 * value is reported at once, in one `ConfigError`.
 */
export function readConfig(env: Env, { kinds, defaultStore }: StoreChoice): SkyportConfig {
  const read = envReader(env);
  const [store, retentionDays, cleanupPageSize, logLevel] = readAll<[StoreKind, number, number, LogLevel]>(
    () => read.oneOf("SKYPORT_STORE", kinds, defaultStore),
    () => read.integer("SKYPORT_RETENTION_DAYS", 1, 36_500, 30),
    () => read.integer("SKYPORT_CLEANUP_PAGE_SIZE", 1, 1000, 100),
    () => readLogLevel(env),
  );
  return { store, retentionDays, cleanupPageSize, logLevel };
}

/** SKYPORT_LOG_LEVEL alone, for runtimes that log before (or without) an app's own configuration. */
export function readLogLevel(env: Env): LogLevel {
  return envReader(env).oneOf("SKYPORT_LOG_LEVEL", LOG_LEVELS, "info");
}
