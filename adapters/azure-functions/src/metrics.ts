import type { InvocationContext } from "@azure/functions";
import type { MetricUnit, Metrics } from "@skyport/core";

/**
 * Metrics through what the Functions host collects from a Node.js worker: a line of the
 * invocation's own log at Information, whatever SKYPORT_LOG_LEVEL says, which Application
 * Insights files in `traces` under the invocation's operation. A Node.js worker cannot send the
 * host a metric of its own (`customMetrics` needs the Application Insights SDK in the process),
 * so a log-based query makes the metric:
 * `traces | where message startswith '{"metric"' | extend m = parse_json(message)`.
 */
export function invocationMetrics(invocation: InvocationContext): Metrics {
  return {
    record(name: string, value: number, unit: MetricUnit) {
      if (!Number.isFinite(value)) return;
      invocation.info(`{"metric":${JSON.stringify(name)},"value":${value},"unit":"${unit}"}`);
    },
  };
}
