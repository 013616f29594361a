import { cpus, loadavg } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleSizes } from "./bundles/bundle-sizes.js";
import { REPO } from "./bundles/deployed-bundles.js";
import { measureColdStarts } from "./cold-start/index.js";
import { GROUP_FLAG, measureGroup, measureInvocations } from "./invocation/index.js";
import { previousRunIn } from "./decision/agreement.js";
import { inFreshProcess } from "./decision/fresh-process.js";
import { mergedRates } from "./decision/rate-repeats.js";
import { writeReadmeSection } from "./readme.js";
import type { BenchResults } from "./results.js";
import { measureImport } from "./import/index.js";
import { checkStoreSdks } from "./store-sdks/index.js";
import { report } from "./table.js";
import { measureThroughput } from "./throughput/index.js";
import { targets } from "./targets.js";
import { measureStreamThroughput, type StreamRow, streamReport } from "./stream-throughput.js";
import { type ChangeFeedRow, changeFeedReport, measureChangeFeedThroughput } from "./change-feed-throughput.js";
import { type DocumentCounts, documentsReport, measureDocuments } from "./documents/index.js";
import { importCallsReport, measureImportCalls } from "./import-calls/index.js";
import { measureValidatedRoute, validatedRouteReport, type ValidatedRouteCounts } from "./validated-route/index.js";
import { type CacheCounts, cacheReport, measureOrderCache } from "./cache/index.js";
import { measureSecretRead, secretReadReport, type SecretReadCounts } from "./secret-read/index.js";

/**
 * `npm run bench`: every figure in one run, printed and written to bench/results.json, from which
 * README's Performance section is written. `--quick` runs each part once, tiny, to show it works:
 * its results go to bench/results.tmp.json and README is left alone. `--only=documents` measures the
 * documents rows alone and puts them into the last results (and README, unless quick); `--only=import-calls`
 * the store calls per imported order alike, `--only=cache` the cache rows, `--only=validated-route` a route with a
 * declared body schema against the same route checking its body by hand, and `--only=sizes` the bundle sizes (their
 * targets decided anew).
 */
const quick = process.argv.includes("--quick");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

// A child process measuring one group of handlers (see invocation/index.ts): it prints its rows and ends.
const group = arg(GROUP_FLAG.slice(2, -1));
if (group !== undefined) {
  const rows = await measureGroup(group, { ops: Number(arg("ops")), rounds: Number(arg("rounds")), warmup: Number(arg("warmup")) });
  process.stdout.write(JSON.stringify(rows));
  process.exit(0);
}
// A child process measuring the stream or change-feed consumers once (see decision/fresh-process.ts): it prints its rows and ends.
// Run by hand under --cpu-prof, `--consumer=Lambda` keeps the consumers whose name has it (and the hand-written one).
const part = arg("part");
if (part === "stream" || part === "change-feed") {
  const [size, rounds, warmup] = [Number(arg("size")), Number(arg("rounds")), Number(arg("warmup"))];
  const rows =
    part === "stream"
      ? await measureStreamThroughput(size, 4, rounds, warmup, arg("consumer"))
      : await measureChangeFeedThroughput(size, rounds, warmup, arg("consumer"));
  process.stdout.write(JSON.stringify(rows));
  process.exit(0);
}
/** Each consumer part in `repeats` fresh processes, merged: rates and ratios their medians, each ratio with its interval. */
async function consumerRepeats<R extends { consumer: string; ratio?: number }>(
  which: "stream" | "change-feed",
  counts: { size: number; rounds: number; warmup: number },
  repeats: number,
  rate: keyof R & string,
): Promise<R[]> {
  const runs: R[][] = [];
  const args = [`--part=${which}`, `--size=${counts.size}`, `--rounds=${counts.rounds}`, `--warmup=${counts.warmup}`];
  for (let repeat = 0; repeat < repeats; repeat++) runs.push(await inFreshProcess<R[]>(args, `the ${which} consumers`));
  return mergedRates(runs, rate);
}
const step = (what: string) => process.stderr.write(`bench: ${what}\n`);
const resultsPath = join(REPO, quick ? "bench/results.tmp.json" : "bench/results.json");
const documentCounts: DocumentCounts = quick ? { rounds: 2, calls: 2, batches: 1, warmup: 0 } : { rounds: 10, calls: 20, batches: 3, warmup: 1 };

const importCallLines = quick ? 100 : 1000;
const only = arg("only") ?? (process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined);
if (only === "import-calls") {
  step("store calls per imported order, before and after, alone");
  const importCalls = await measureImportCalls(importCallLines, `npm run bench -- ${quick ? "--quick " : ""}--only=import-calls`);
  const results: BenchResults = { ...(JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults), importCalls };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!quick) writeReadmeSection(results);
  await new Promise((written) => process.stdout.write(`${importCallsReport(importCalls)}\n`, written));
  process.exit(0);
}
const secretReadCounts: SecretReadCounts = quick ? { rounds: 2, reads: 1000, warmup: 1 } : { rounds: 30, reads: 100_000, warmup: 3 };
if (only === "secret-read") {
  step("a secret read from memory against its first fetch, alone");
  const secretRead = await measureSecretRead(secretReadCounts, `npm run bench -- ${quick ? "--quick " : ""}--only=secret-read`);
  const results: BenchResults = { ...(JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults), secretRead };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!quick) writeReadmeSection(results);
  await new Promise((written) => process.stdout.write(`${secretReadReport(secretRead)}\n`, written));
  process.exit(0);
}
const validatedRouteCounts: ValidatedRouteCounts = quick ? { rounds: 2, requests: 100, warmup: 1 } : { rounds: 30, requests: 5000, warmup: 5 };
if (only === "validated-route") {
  step("a declared route's checked body against the same route checking it by hand, alone");
  const validatedRoute = await measureValidatedRoute(validatedRouteCounts, `npm run bench -- ${quick ? "--quick " : ""}--only=validated-route`);
  const results: BenchResults = { ...(JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults), validatedRoute };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!quick) writeReadmeSection(results);
  await new Promise((written) => process.stdout.write(`${validatedRouteReport(validatedRoute)}\n`, written));
  process.exit(0);
}
const cacheCounts: CacheCounts = quick ? { rounds: 2, calls: 5, warmup: 0 } : { rounds: 10, calls: 100, warmup: 1 };
if (only === "cache") {
  step("a cache hit against a store read, per store on its emulator, alone");
  const cache = await measureOrderCache(cacheCounts, `npm run bench -- ${quick ? "--quick " : ""}--only=cache`);
  const results: BenchResults = { ...(JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults), cache };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!quick) writeReadmeSection(results);
  await new Promise((written) => process.stdout.write(`${cacheReport(cache)}\n`, written));
  process.exit(0);
}
if (only === "sizes") {
  // Sizes are exact (no repeat, no load): measured alone from the current build, their targets decided anew with the rest kept.
  step("bundle sizes, alone");
  const last = JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults;
  const measured = { ...last, bundles: bundleSizes() };
  const results: BenchResults = { ...measured, targets: targets(measured), ...(quick ? {} : previousRunIn(resultsPath, measured.machine)) };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!quick) writeReadmeSection(results);
  await new Promise((written) => process.stdout.write(`${report(results)}\n`, written));
  process.exit(0);
}
if (only !== undefined) {
  if (only !== "documents")
    throw new Error(
      `--only=${only}: the documents rows (--only=documents), the import's store calls (--only=import-calls), the cache rows (--only=cache), ` +
        "the bundle sizes (--only=sizes), " +
        "the validated route (--only=validated-route) and the secret read (--only=secret-read) can be measured alone",
    );
  step("portable documents against the raw SDK, alone");
  const documents = await measureDocuments(documentCounts, `npm run bench -- ${quick ? "--quick " : ""}--only=documents`);
  const results: BenchResults = { ...(JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults), documents };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!quick) writeReadmeSection(results);
  await new Promise((written) => process.stdout.write(`${documentsReport(documents)}\n`, written));
  process.exit(0);
}

const startedAt = new Date().toISOString();
const loadAtStart = loadavg()[0]!;
const started = performance.now();
/** Fresh processes (or pairs of them) per comparison: each is one sample of the ratio or difference the target decides on. */
const repeats = quick ? 1 : 5;
step("per-invocation cost");
const invocation = await measureInvocations(quick ? { ops: 20, rounds: 1, warmup: 1 } : { ops: 400, rounds: 10, warmup: 3 }, repeats);
step("bundle sizes");
const bundles = bundleSizes();
step("cold starts");
const coldStart = await measureColdStarts(quick ? 1 : 40, quick ? 0 : 2);
step("store SDKs at cold start");
const storeSdks = await checkStoreSdks();
step("local server throughput");
const throughput = quick ? await measureThroughput(1, 1, 1) : await measureThroughput(3, 2, 3);
step("stream records per second");
const streams = await consumerRepeats<StreamRow>(
  "stream",
  quick ? { size: 20, rounds: 1, warmup: 0 } : { size: 500, rounds: 5, warmup: 1 },
  repeats,
  "recordsPerSecond",
);
step("change feed changes per second");
const changeFeeds = await consumerRepeats<ChangeFeedRow>(
  "change-feed",
  quick ? { size: 40, rounds: 1, warmup: 0 } : { size: 5000, rounds: 5, warmup: 1 },
  repeats,
  "changesPerSecond",
);
step("bulk import (100 MB, 512 MB function)");
const bulkImport = measureImport(quick);
step("store calls per imported order, before and after");
const importCalls = await measureImportCalls(importCallLines, quick ? "npm run bench -- --quick" : "npm run bench");
step("portable documents against the raw SDK, per store on its emulator");
const documents = await measureDocuments(documentCounts, quick ? "npm run bench -- --quick" : "npm run bench");
step("a cache hit against a store read, per store on its emulator");
const cache = await measureOrderCache(cacheCounts, quick ? "npm run bench -- --quick" : "npm run bench");
step("a declared route's checked body against the same route checking it by hand");
const validatedRoute = await measureValidatedRoute(validatedRouteCounts, quick ? "npm run bench -- --quick" : "npm run bench");

step("a secret read from memory against its first fetch");
const secretRead = await measureSecretRead(secretReadCounts, quick ? "npm run bench -- --quick" : "npm run bench");

const cpu = cpus();
const measured = {
  command: "npm run bench",
  startedAt,
  machine: {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: [loadAtStart, loadavg()[0]!] as [number, number],
  },
  durationSeconds: Math.round((performance.now() - started) / 1000),
  quick,
  invocation,
  bundles,
  coldStart,
  storeSdks,
  throughput,
  streams,
  changeFeeds,
  bulkImport,
  importCalls,
  secretRead,
  documents,
  cache,
  validatedRoute,
};
const results: BenchResults = { ...measured, targets: targets(measured), ...(quick ? {} : previousRunIn(resultsPath, measured.machine)) };

process.stdout.write(`${report(results)}\n`);
process.stdout.write(`\nShipment records per second through each stream function, memory store, one process:\n${streamReport(streams)}\n`);
process.stdout.write(`\nChanges per second through each changes function (the order outbox), one process:\n${changeFeedReport(changeFeeds)}\n`);
process.stdout.write(`\nStore calls per imported order, before and after:\n${importCallsReport(importCalls)}\n`);
process.stdout.write(`\nPortable documents against the raw SDK, per store on its emulator:\n${documentsReport(documents)}\n`);
process.stdout.write(`\nGET /orders/{id}: a Redis cache hit against a store read, per store on its emulator:\n${cacheReport(cache)}\n`);
process.stdout.write(`\nA declared route's checked body against the same route checking it by hand:\n${validatedRouteReport(validatedRoute)}\n`);
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
if (!quick) writeReadmeSection(results);
