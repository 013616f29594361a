import { envReader, type Env, type Logger, type Metrics, type ObjectStores } from "@skyport/core";

/** What every function of this adapter needs besides its handler. */
export interface AdapterOptions {
  logger: Logger;
  /** The instance's metric emitter (a Cloud Logging line that a log-based metric reads): every invocation's Context carries it. */
  metrics?: Metrics;
  /** The function's timeout in ms, for `Context.deadline`. */
  functionTimeoutMs?: number;
  /** The object store of an object function's bucket: Cloud Storage unless a test gives another. */
  objects?: ObjectStores;
}

/** Reads CLOUD_RUN_TIMEOUT_SECONDS, which the platform sets to the function's timeout. */
export function readAdapterOptions(env: Env): Omit<AdapterOptions, "logger" | "metrics"> {
  const read = envReader(env);
  if (read.optional("CLOUD_RUN_TIMEOUT_SECONDS") === undefined) return {};
  return { functionTimeoutMs: read.integer("CLOUD_RUN_TIMEOUT_SECONDS", 1, 3600, 60) * 1000 };
}
