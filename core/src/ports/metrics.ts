/** The units every cloud's metric store knows (CloudWatch's names). */
export type MetricUnit = "Count" | "Milliseconds";

/**
 * Where the service's numbers go: counts (orders created, messages failed) and timings. Not a
 * logger, and never filtered by the log level: each runtime writes what its cloud's metric
 * store ingests, so `SKYPORT_LOG_LEVEL=error` keeps every metric.
 */
export interface Metrics {
  /** One value of the metric `name`, now. Names are the code's own constants, never caller text. */
  record(name: string, value: number, unit: MetricUnit): void;
}

/** Where a metric line goes: stdout by default, or a test's sink. */
export type MetricWrite = (line: string) => void;

/** Writes each metric line to stdout, where the cloud's log agent picks it up. */
export const stdoutMetricWrite: MetricWrite = (line) => void process.stdout.write(`${line}\n`);
