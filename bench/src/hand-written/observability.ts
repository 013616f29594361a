import { pino, type BaseLogger } from "pino";

export type PlainCloud = "aws" | "gcp" | "azure" | "core";
export type PlainUnit = "Count" | "Milliseconds";

/**
 * What a hand-written function logs and counts, the way one writes it with pino: the access line
 * and the "order created" line at info (none at warn, where pino drops them), and the same metric
 * lines Skyport writes, built by hand, at any level.
 */
export interface PlainObservability {
  log: BaseLogger;
  metric(name: string, value: number, unit: PlainUnit): void;
}

const SEVERITY: Record<string, string> = { debug: "DEBUG", info: "INFO", warn: "WARNING", error: "ERROR" };
const iso = (key: string) => () => `,"${key}":"${new Date().toISOString()}"`;

/** Each cloud's line shape, as Skyport's formats write it: field names, level spelling, timestamp key. */
const SHAPES: Record<PlainCloud, Parameters<typeof pino>[0]> = {
  aws: { timestamp: iso("timestamp"), formatters: { level: (label) => ({ level: label.toUpperCase() }) } },
  gcp: { timestamp: iso("time"), formatters: { level: (label) => ({ severity: SEVERITY[label] }) } },
  azure: { timestamp: false, formatters: { level: (label) => ({ level: label }) } },
  core: { timestamp: iso("time"), formatters: { level: (label) => ({ level: label }) } },
};

/** The metric line of each cloud, by hand: CloudWatch EMF, a Cloud Logging line, an Application Insights trace. */
const METRIC_LINES: Record<PlainCloud, (name: string, value: number, unit: PlainUnit) => string> = {
  aws: (name, value, unit) => {
    const directive = `"CloudWatchMetrics":[{"Namespace":"Skyport","Dimensions":[["service"]],"Metrics":[{"Name":"${name}","Unit":"${unit}"}]}]`;
    return `{"_aws":{"Timestamp":${Date.now()},${directive}},"service":"orders","${name}":${value}}`;
  },
  gcp: (name, value, unit) =>
    `{"severity":"INFO","message":"metric","time":"${new Date().toISOString()}","metrics":{"${name}":${value}},"unit":"${unit}","service":"orders"}`,
  azure: (name, value, unit) => `{"metric":"${name}","value":${value},"unit":"${unit}"}`,
  core: (name, value, unit) => `{"metric":"${name}","value":${value},"unit":"${unit}"}`,
};

/** pino at `level` on `cloud`'s line shape; `write` takes each line with its newline (the bench drops them, as it drops Skyport's). */
export function plainObservability(cloud: PlainCloud, level: "info" | "warn", write: (line: string) => void): PlainObservability {
  const line = METRIC_LINES[cloud];
  return {
    log: pino({ level, messageKey: "message", base: { cloud }, ...SHAPES[cloud] }, { write }),
    metric: (name, value, unit) => write(`${line(name, value, unit)}\n`),
  };
}
