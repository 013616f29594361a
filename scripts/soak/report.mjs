// The soak's figures: a table of each series for the terminal, and every sample as CSV to plot.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const CSV_COLUMNS = [
  "seconds",
  "rssMiB",
  "rssAnonMiB",
  "rssFileMiB",
  "heapUsedMiB",
  "heapTotalMiB",
  "externalMiB",
  "fds",
  "loopP50Ms",
  "loopP99Ms",
  "loopMaxMs",
  "requests",
  "errors",
];

const figure = (value) => (Number.isFinite(value) ? String(Math.round(value * 100) / 100) : "-");

/** One line per series: start, end, min, max, the fitted slope per minute and growth, its bound and the verdict. */
export function verdictTable(verdict) {
  const head = ["series", "start", "end", "min", "max", "slope/min", "growth", "bound", "verdict"];
  const rows = verdict.series.map((s) => [
    s.label,
    ...[s.start, s.end, s.min, s.max, s.slopePerMinute, s.growth, s.limit].map(figure),
    s.pass ? "ok" : `GROWS${s.reason ? ` (${s.reason})` : ""}`,
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => row[i].length)));
  return [head, ...rows].map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")).join("\n");
}

/** Writes `<stamp>.csv` (the samples) and `<stamp>.json` (the summary) into `dir`; returns their paths. */
export function writeSoakFiles(dir, stamp, samples, summary) {
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `${stamp}.csv`);
  const json = join(dir, `${stamp}.json`);
  writeFileSync(csv, `${[CSV_COLUMNS.join(","), ...samples.map((sample) => CSV_COLUMNS.map((c) => sample[c] ?? "").join(","))].join("\n")}\n`);
  writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  return { csv, json };
}
