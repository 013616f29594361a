import type { Spread } from "./decision/interval.js";
import type { BenchResults, TargetRow } from "./results.js";

/** A plain text table: a header, a rule, the rows; numbers right-aligned. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === "number" || /^[\d.,+-]+(x| ms| KB|%)?$/.test(String(row[i]))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const us = (ns: number) => (ns / 1000).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** One bundle's row of the size table, in KB, for the printed table and the README's alike. */
export function bundleCells(b: BenchResults["bundles"][number], file: string): string[] {
  const parts = `${kb(b.skyportParts.layer)} + ${kb(b.skyportParts.domain)} + ${kb(b.skyportParts.stores)}`;
  const largest = b.topPackages
    .slice(0, 3)
    .map((p) => `${p.name} ${kb(p.bytes)}`)
    .join(", ");
  return [
    file,
    b.kind && b.kind !== "app" ? `${b.function} (${b.kind})` : b.function,
    kb(b.minifiedBytes),
    kb(b.gzipBytes),
    kb(b.skyportBytes),
    parts,
    kb(b.thirdPartyBytes),
    largest,
  ];
}
/** A short list as it is, a long one as its length. */
export const files = (list: string[]) => (list.length === 0 ? "none" : list.length > 2 ? `${list.length} files` : list.join(", "));
export const signed = (ms: number) => `${ms >= 0 ? "+" : ""}${ms.toFixed(1)}`;
/** A ratio with its interval where it was repeated: `1.21x (1.15-1.30)`. */
export function ratioCell(ratio: number, spread: Spread | undefined, x = "x"): string {
  return spread ? `${ratio.toFixed(2)}${x} (${spread.interval[0].toFixed(2)}–${spread.interval[1].toFixed(2)})` : `${ratio.toFixed(2)}${x}`;
}
/** A cold start's extra ms with its interval: `+3.1 (−0.4 to +6.2)`. */
export function extraCell(spread: Spread | undefined, median: number): string {
  return spread ? `${signed(median)} (${signed(spread.interval[0])} to ${signed(spread.interval[1])})` : signed(median);
}
/** A target's decision as the tables show it. */
export const statusCell = (status: TargetRow["status"]) => ({ met: "yes", missed: "NO", undecided: "undecided" })[status];

/** Every section of the run, as the terminal shows it. */
export function report(results: BenchResults): string {
  const { invocation, bundles, coldStart, storeSdks, throughput, targets } = results;
  return [
    "Per invocation: POST /orders + GET /orders/{id}, memory store; " +
      `median of ${invocation.repeats ?? 1} processes × ${invocation.rounds} rounds of ${invocation.ops} (after ${invocation.warmup} warm-up), µs; ` +
      "the ratio with its bootstrap 95 % interval over the processes",
    textTable(
      ["cloud", "event", "logs", "layer", "µs/op", "POST", "GET", "vs hand-written"],
      invocation.rows.map((r) => [
        r.cloud,
        r.event,
        r.logLevel,
        r.layer + (r.note ? ` (${r.note})` : ""),
        us(r.nsPerOp),
        us(r.postNs),
        us(r.getNs),
        ratioCell(r.ratio!, r.ratioSpread),
      ]),
    ),
    "",
    "Bundle sizes (KB): minified, gzip; Skyport's own sources and third-party packages, from the esbuild metafile",
    textTable(
      ["bundle", "functions", "minified", "gzip", "Skyport", "= layer + domain + stores", "third-party", "largest third-party"],
      bundles.map((b) => bundleCells(b, b.file)),
    ),
    "",
    `Cold start: a fresh node process imports the bundle and completes its first invocation (${coldStart.firstInvocation}); ` +
      `median of ${coldStart.runs} runs, ms`,
    textTable(
      ["cloud", "store", "layer", "in-process", "wall", "vs hand-written (paired runs)"],
      coldStart.rows.map((r) => [
        r.cloud,
        r.store,
        r.layer,
        r.inProcessMs.toFixed(1),
        r.wallMs.toFixed(1),
        r.extraMs ? `${extraCell(r.extraSpread?.inProcess, r.extraMs.inProcess)} / ${extraCell(r.extraSpread?.wall, r.extraMs.wall)} ms` : "",
      ]),
    ),
    "",
    "Store SDKs and store code that ran by the end of the first invocation (V8 coverage of the deployed bundle)",
    textTable(
      ["bundle", "SKYPORT_STORE", "store SDKs that ran", "Skyport store files that ran", "other SDKs that ran", "ok"],
      storeSdks.map((r) => [
        r.bundle,
        r.store,
        r.loaded.join(", ") || "none",
        files(r.storePackageFiles),
        r.alsoLoaded.join(", ") || "none",
        r.ok ? "yes" : "NO",
      ]),
    ),
    "",
    `Local server: POST /orders on loopback, ${throughput.tool}, ${throughput.connections} connections, ` +
      `${throughput.secondsPerRound} s per round, median of ${throughput.rows[0]?.rounds.length ?? 0} rounds` +
      (throughput.ratioSpread ? `; local / raw ${ratioCell(throughput.ratioSpread.median, throughput.ratioSpread)}` : ""),
    textTable(
      ["server", "store", "requests/s", "p50 ms", "p99 ms"],
      throughput.rows.map((r) => [r.server, r.store, Math.round(r.requestsPerSecond), r.p50Ms, r.p99Ms]),
    ),
    "",
    "Targets",
    textTable(
      ["target", "limit", "measured (median, 95 % interval)", "met"],
      targets.map((t) => [t.target, t.limit, t.measured, statusCell(t.status)]),
    ),
  ].join("\n");
}

/** Rows of a rate, each against the first (the hand-written one): the ratio measured round by round, with its interval where repeated. */
export function rateLines(rows: readonly { consumer: string; perSecond: number; ratio?: number; ratioSpread?: Spread }[], unit: string): string {
  const base = rows[0]!.perSecond;
  const width = Math.max(...rows.map((row) => row.consumer.length)) + 2;
  return rows
    .map((row) => {
      const ratio = ratioCell(row.ratio ?? row.perSecond / base, row.ratioSpread);
      return `${row.consumer.padEnd(width)} ${String(row.perSecond).padStart(8)} ${unit}/s  (${ratio} of hand-written)`;
    })
    .join("\n");
}
