import type { LogLevel } from "@skyport/core";

export interface AdapterOptions {
  logLevel: LogLevel;
  /** host.json `functionTimeout` in ms: the host stops an invocation after it. */
  functionTimeoutMs?: number;
}
