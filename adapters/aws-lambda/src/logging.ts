import type { JsonLoggerOptions, LogFields, LogLevel } from "@skyport/core";

/** CloudWatch units of the metrics core reports; the rest are counts. */
const UNITS: Record<string, string> = { RequestLatency: "Milliseconds" };
export const METRIC_NAMESPACE = "Skyport";

/**
 * Lines as CloudWatch Logs Insights queries them (`level`, `message`, `timestamp`, flat fields
 * such as `awsRequestId`, `traceId`). A line that carries `metrics` becomes a
 * CloudWatch Embedded Metric Format record: the metrics are extracted from the log, with no
 * SDK call on the hot path.
 */
export function cloudWatchFormat(service: string): NonNullable<JsonLoggerOptions["format"]> {
  return (level: LogLevel, message: string, fields: LogFields) => {
    const { metrics, ...rest } = fields;
    const line: Record<string, unknown> = { level: level.toUpperCase(), message, timestamp: new Date().toISOString(), ...rest };
    if (metrics !== null && typeof metrics === "object") {
      const values = metrics as Record<string, number>;
      line._aws = {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRIC_NAMESPACE,
            Dimensions: [["service"]],
            Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: UNITS[name] ?? "Count" })),
          },
        ],
      };
      line.service = service;
      Object.assign(line, values);
    }
    return line;
  };
}
