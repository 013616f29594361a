import type { BenchResults, TargetRow } from "./results.js";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The targets, as ratios and sizes measured in this run; each says whether it was met. */
export function targets(results: Omit<BenchResults, "targets">): TargetRow[] {
  const rows: TargetRow[] = [];
  // At the templates' log level, request logs on, against hand-written with pino: what users deploy.
  for (const row of results.invocation.rows.filter((r) => r.layer === "Skyport" && r.logLevel === "info" && !r.note && !r.event.startsWith("neutral"))) {
    rows.push({
      target: `adapter cost, ${row.event}, logs at info`,
      limit: "<= 1.3x hand-written (pino)",
      measured: `${row.ratio!.toFixed(2)}x`,
      met: row.ratio! <= 1.3,
    });
  }
  for (const row of results.bundles) {
    rows.push({ target: `Skyport's own code, ${row.file}`, limit: "<= 15 KB minified", measured: kb(row.skyportBytes), met: row.skyportBytes <= 15 * 1024 });
  }
  for (const cloud of new Set(results.coldStart.rows.map((r) => r.cloud))) {
    const skyport = results.coldStart.rows.find((r) => r.cloud === cloud && r.layer === "Skyport")!;
    for (const [what, key] of [
      ["in-process", "inProcess"],
      ["wall", "wall"],
    ] as const) {
      const extra = skyport.extraMs![key];
      rows.push({
        target: `cold start (${what}), ${cloud} with ${skyport.store}`,
        limit: "<= hand-written + 5 ms",
        measured: `${extra >= 0 ? "+" : ""}${extra.toFixed(1)} ms`,
        met: extra <= 5,
      });
    }
  }
  for (const row of results.storeSdks) {
    rows.push({
      target: `store SDKs at cold start, ${row.bundle} SKYPORT_STORE=${row.store}`,
      limit: "only the configured one",
      measured: row.loaded.join(", ") || "none",
      met: row.ok,
    });
  }
  const [local, raw] = [results.throughput.rows[0], results.throughput.rows[1]];
  if (local && raw) {
    const ratio = local.requestsPerSecond / raw.requestsPerSecond;
    rows.push({ target: "local server throughput, SQLite", limit: ">= 0.9x raw node:http", measured: `${ratio.toFixed(2)}x`, met: ratio >= 0.9 });
  }
  return rows;
}
