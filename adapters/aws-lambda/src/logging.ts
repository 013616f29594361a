import type { JsonLoggerOptions, LogFields, LogLevel } from "@skyport/core";

/**
 * Lines as CloudWatch Logs Insights queries them (`level`, `message`, `timestamp`, flat fields
 * such as `awsRequestId`, `traceId`). Metrics are not log lines: see metrics.ts.
 */
export function cloudWatchFormat(): NonNullable<JsonLoggerOptions["format"]> {
  return (level: LogLevel, message: string, fields: LogFields) =>
    Object.assign({ level: level.toUpperCase(), message, timestamp: new Date().toISOString() }, fields);
}
