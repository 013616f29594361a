import { stdoutMetricWrite, type MetricUnit, type MetricWrite, type Metrics } from "@skyport/core";

/** The CloudWatch namespace Skyport's metrics are filed under. */
export const METRIC_NAMESPACE = "Skyport";

/**
 * Metrics as CloudWatch Embedded Metric Format records, one line each on stdout: Lambda sends them
 * to CloudWatch Logs, which extracts the metric (namespace Skyport, dimension service) with no SDK
 * call on the hot path. Written whatever the log level, as lines of their own. The name is the
 * code's and the value a number, so the line needs no redaction and is built without a serializer.
 */
export function cloudWatchMetrics(service: string, write: MetricWrite = stdoutMetricWrite): Metrics {
  const directive = `"CloudWatchMetrics":[{"Namespace":"${METRIC_NAMESPACE}","Dimensions":[["service"]],"Metrics":[{"Name":`;
  const serviceField = `"service":${JSON.stringify(service)}`;
  return {
    record(name: string, value: number, unit: MetricUnit) {
      if (!Number.isFinite(value)) return; // CloudWatch rejects the whole record for NaN or Infinity
      const key = JSON.stringify(name);
      write(`{"_aws":{"Timestamp":${Date.now()},${directive}${key},"Unit":"${unit}"}]}]},${serviceField},${key}:${value}}`);
    },
  };
}
