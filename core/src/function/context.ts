import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";

/** Where the invocation runs: one of the three clouds, or the local server. */
export type Cloud = "aws" | "gcp" | "azure" | "local";

/** What every invocation knows about itself, whatever the cloud. */
export interface Context {
  /** The cloud's own request or invocation id. */
  requestId: string;
  cloud: Cloud;
  /** Epoch milliseconds by which the invocation must have answered, if the cloud has a limit. */
  deadline?: number;
  logger: Logger;
  /** Where counts and timings go, whatever the log level; every runtime gives one (unit tests may not). */
  metrics?: Metrics;
  /** W3C traceparent of the incoming request or message, if any. */
  traceparent?: string;
  /** The authenticated caller (a JWT subject, a principal id), if the platform or the app verified one. */
  principal?: string;
  /** The claims of the token the app verified for this request (see `http(routes, { identity })`). */
  claims?: Readonly<Record<string, unknown>>;
}
