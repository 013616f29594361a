import { stdoutMetricWrite, type MetricUnit, type MetricWrite, type Metrics } from "@skyport/core";

/**
 * Metrics as structured Cloud Logging lines on stdout, written whatever the log level: a
 * log-based metric reads each one (a counter filtered on `jsonPayload.metrics.<Name>>0`,
 * a distribution extracting `jsonPayload.metrics.<Latency>`). The name is the code's and the
 * value a number, so the line needs no redaction and is built without a serializer.
 */
export function cloudLoggingMetrics(service: string, write: MetricWrite = stdoutMetricWrite): Metrics {
  const serviceField = `"service":${JSON.stringify(service)}`;
  return {
    record(name: string, value: number, unit: MetricUnit) {
      if (!Number.isFinite(value)) return; // not a number a distribution can hold
      const metric = `"metrics":{${JSON.stringify(name)}:${value}},"unit":"${unit}"`;
      write(`{"severity":"INFO","message":"metric","time":"${new Date().toISOString()}",${metric},${serviceField}}`);
    },
  };
}
