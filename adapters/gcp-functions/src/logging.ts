import type { JsonLoggerOptions, LogFields, LogLevel } from "@skyport/core";

const SEVERITY: Record<LogLevel, string> = { debug: "DEBUG", info: "INFO", warn: "WARNING", error: "ERROR" };

/**
 * Lines as Cloud Logging reads structured logs from stdout: `severity` and `message`, and, given the
 * project, core's `traceId` / `spanId` as the fields that tie a line to its trace in Cloud Trace.
 */
export function cloudLoggingFormat(projectId?: string): NonNullable<JsonLoggerOptions["format"]> {
  return (level: LogLevel, message: string, fields: LogFields) => {
    const line: Record<string, unknown> = Object.assign({ severity: SEVERITY[level], message, time: new Date().toISOString() }, fields);
    if (projectId && typeof fields.traceId === "string") {
      line["logging.googleapis.com/trace"] = `projects/${projectId}/traces/${fields.traceId}`;
      if (typeof fields.spanId === "string") line["logging.googleapis.com/spanId"] = fields.spanId;
    }
    return line;
  };
}
