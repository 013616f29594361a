import type { LogFields, LogLevel } from "@skyport/core";

const SEVERITY: Record<LogLevel, string> = { debug: "DEBUG", info: "INFO", warn: "WARNING", error: "ERROR" };

/** One line as Cloud Logging reads structured logs from stdout: `severity` and `message`. */
export function cloudLoggingFormat(level: LogLevel, message: string, fields: LogFields): Record<string, unknown> {
  return { severity: SEVERITY[level], message, time: new Date().toISOString(), ...fields };
}
