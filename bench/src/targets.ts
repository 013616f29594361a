import { decide, type Limit } from "./decision/decide.js";
import type { Spread } from "./decision/interval.js";
import type { BenchResults, TargetRow } from "./results.js";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const times = (x: number) => `${x.toFixed(2)}x`;
const ms = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(1)} ms`;

/** A repeated figure against its limit: its median, its interval, and the decision the interval makes. */
function repeated(target: string, limit: string, bound: Limit, spread: Spread, unit: (x: number) => string): TargetRow {
  const [low, high] = spread.interval;
  return {
    target,
    limit,
    measured: `${unit(spread.median)} (${unit(low)} to ${unit(high)})`,
    status: decide(spread.interval, bound),
    median: spread.median,
    interval: spread.interval,
  };
}

/** An exact figure (a size, a check): its interval is the figure itself. */
function exact(target: string, limit: string, bound: Limit, value: number, shown: string): TargetRow {
  return { target, limit, measured: shown, status: decide([value, value], bound), median: value, interval: [value, value] };
}

/** Skyport's own code allowed per kind of function (issue 29): a consumer is small, the HTTP function carries the HTTP layer, Azure's one app all six. */
export const OWN_CODE_LIMIT_KB: Record<string, number | undefined> = { queue: 20, schedule: 20, stream: 20, changes: 20, http: 45, app: 60 };

/** A figure of an older results.json, measured once: one point. */
const once = (value: number): Spread => ({ median: value, interval: [value, value], samples: [value] });

/** The issue's targets, each decided from its interval: met, missed, or undecided when the interval straddles the limit. */
export function targets(results: Omit<BenchResults, "targets">): TargetRow[] {
  const rows: TargetRow[] = [];
  // At the templates' log level, request logs on, against hand-written with pino: what users deploy.
  for (const row of results.invocation.rows.filter((r) => r.layer === "Skyport" && r.logLevel === "info" && !r.note && !r.event.startsWith("neutral"))) {
    const spread = row.ratioSpread ?? once(row.ratio!);
    rows.push(repeated(`adapter cost, ${row.event}, logs at info`, "<= 1.3x hand-written (pino)", { bound: "at most", value: 1.3 }, spread, times));
  }
  for (const row of results.bundles) {
    const limitKb = row.kind === undefined ? undefined : OWN_CODE_LIMIT_KB[row.kind];
    if (limitKb === undefined) continue;
    const target = `Skyport's own code, ${row.file} (${row.kind === "app" ? "the one app" : `${row.kind} function`})`;
    rows.push(exact(target, `<= ${limitKb} KB minified`, { bound: "at most", value: limitKb * 1024 }, row.skyportBytes, kb(row.skyportBytes)));
  }
  for (const skyport of results.coldStart.rows.filter((r) => r.layer === "Skyport")) {
    for (const [what, key] of [
      ["in-process", "inProcess"],
      ["wall", "wall"],
    ] as const) {
      const spread = skyport.extraSpread?.[key] ?? once(skyport.extraMs![key]);
      rows.push(repeated(`cold start (${what}), ${skyport.cloud} with ${skyport.store}`, "<= hand-written + 5 ms", { bound: "at most", value: 5 }, spread, ms));
    }
  }
  for (const row of results.storeSdks) {
    const target = `store SDKs at cold start, ${row.bundle} SKYPORT_STORE=${row.store}`;
    rows.push(exact(target, "only the configured one", { bound: "at least", value: 1 }, row.ok ? 1 : 0, row.loaded.join(", ") || "none"));
  }
  const [local, raw] = [results.throughput.rows[0], results.throughput.rows[1]];
  if (local && raw) {
    const spread = results.throughput.ratioSpread ?? once(local.requestsPerSecond / raw.requestsPerSecond);
    rows.push(repeated("local server throughput, SQLite", ">= 0.9x raw node:http", { bound: "at least", value: 0.9 }, spread, times));
  }
  const consumers = [
    ["stream", results.streams ?? []],
    ["change feed", results.changeFeeds ?? []],
  ] as const;
  for (const [what, rates] of consumers) {
    for (const row of rates.slice(1).filter((r) => r.ratio !== undefined)) {
      const spread = row.ratioSpread ?? once(row.ratio!);
      rows.push(repeated(`${what} consumer, ${row.consumer}`, ">= 0.7x hand-written", { bound: "at least", value: 0.7 }, spread, times));
    }
  }
  return rows;
}
