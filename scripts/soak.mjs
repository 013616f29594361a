// `npm run soak`: the local order server under a steady mixed load for SKYPORT_SOAK_SECONDS (default
// 600) at SKYPORT_SOAK_RATE operations a second (default 20), its RSS, open fds and event-loop delay
// sampled; fails (exit 1) when a series grows without bound (scripts/soak/verdict.mjs states the
// bounds), on any 5xx or unanswered request, or when a part of the service did not run. The samples go
// to .data/soak/<time>.csv (SKYPORT_SOAK_OUT another folder) with a summary beside them.
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { startCleanupRuns } from "./soak/cleanup-runs.mjs";
import { startImportDrops } from "./soak/import-drops.mjs";
import { startMixedLoad } from "./soak/mixed-load.mjs";
import { openDescriptors, residentMemory } from "./soak/process-readings.mjs";
import { verdictTable, writeSoakFiles } from "./soak/report.mjs";
import { startSoakedServer } from "./soak/server.mjs";
import { soakVerdict } from "./soak/verdict.mjs";

const seconds = positive("SKYPORT_SOAK_SECONDS", 600);
const rate = positive("SKYPORT_SOAK_RATE", 20);
const { SKYPORT_SOAK_OUT: out = fileURLToPath(new URL("../.data/soak", import.meta.url)) } = process.env;
// 20 imports and 5 cleanups in any run; a sample every 5 s, or as often as gives 120 of them, at most every second.
const sampleMs = Math.round(Math.min(5000, Math.max(1000, (seconds * 1000) / 120)));
const importMs = Math.max(1000, (seconds * 1000) / 20);
const cleanupMs = Math.max(4000, (seconds * 1000) / 5);

const startedAt = new Date();
const loadAtStart = loadavg()[0];
const samples = [];
let load;
const server = await startSoakedServer({
  sampleMs,
  // Each event-loop line the server writes is one sample: its process read at the same moment.
  onDelay(delay) {
    if (!load) return; // before the load starts
    const resident = residentMemory(server.pid);
    samples.push({
      seconds: Math.round((delay.at - loadStarted) / 100) / 10,
      rssMiB: resident.rss,
      rssAnonMiB: resident.anonymous,
      rssFileMiB: resident.file,
      heapUsedMiB: delay.heapUsedMiB,
      heapTotalMiB: delay.heapTotalMiB,
      externalMiB: delay.externalMiB,
      fds: openDescriptors(server.pid),
      loopP50Ms: delay.p50,
      loopP99Ms: delay.p99,
      loopMaxMs: delay.max,
      requests: load.tally.requests,
      errors: load.tally.errors,
    });
  },
});
console.log(`soak: ${seconds} s at ${rate} operations/s on ${server.url} (pid ${server.pid}), a sample every ${sampleMs} ms; load average ${loadAtStart}`);
const loadStarted = Date.now();
load = startMixedLoad(server.url, rate);
const imports = startImportDrops(server.env.SKYPORT_BUCKET_DIR, importMs);
const cleanups = startCleanupRuns(server.env, cleanupMs);
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));

const tally = await load.stop();
const cleanup = await cleanups.stop();
const imported = await imports.stop(10_000);
const exitCode = await server.stop();

const verdict = soakVerdict(samples);
const problems = [
  tally.errors > 0 && `${tally.errors} requests answered 5xx or not at all`,
  tally.unexpected > 0 && `${tally.unexpected} answers no operation expects`,
  tally.confirmedSeen === 0 && "no order read back confirmed: the outbox and the confirm queue did not run",
  imported.reported < imported.files && `${imported.files - imported.reported} of ${imported.files} imported files have no report`,
  cleanup.runs === 0 && "the cleanup never ran",
  cleanup.failed > 0 && `${cleanup.failed} of ${cleanup.runs} cleanup runs failed, the first: ${cleanup.firstFailure}`,
  server.errors.length > 0 && `the server logged ${server.errors.length} errors, the first: ${server.errors[0]}`,
  exitCode !== 0 && `the server exited with ${exitCode} on SIGTERM`,
  !verdict.pass &&
    `a series grows: ${
      verdict.reason ??
      verdict.series
        .filter((s) => !s.pass)
        .map((s) => s.label)
        .join(", ")
    }`,
].filter(Boolean);

const summary = {
  startedAt: startedAt.toISOString(),
  seconds,
  rate,
  loadAverage: { start: loadAtStart, end: loadavg()[0] },
  requests: tally.requests,
  operations: tally.operations,
  byStatus: tally.byStatus,
  errors: tally.errors,
  unexpected: tally.unexpected,
  late: tally.late,
  confirmedSeen: tally.confirmedSeen,
  failures: tally.failures,
  imports: imported,
  cleanup,
  serverExitCode: exitCode,
  verdict,
  problems,
  pass: problems.length === 0,
};
const files = writeSoakFiles(out, startedAt.toISOString().replaceAll(":", "-"), samples, summary);
console.log(verdictTable(verdict));
console.log(
  `${tally.requests} requests (${JSON.stringify(tally.byStatus)}), ${tally.late} ticks skipped at the in-flight cap; ` +
    `${imported.dropped} imports dropped (${imported.files} files), ${imported.reported} reported; ` +
    `${cleanup.runs} cleanups deleted ${cleanup.deleted}; load average ${loadAtStart} -> ${summary.loadAverage.end}`,
);
console.log(`samples: ${files.csv}\nsummary: ${files.json}`);
for (const problem of problems) console.log(`FAIL: ${problem}`);
console.log(problems.length === 0 ? "soak: pass" : "soak: fail");
process.exit(problems.length === 0 ? 0 : 1);

function positive(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number (got ${JSON.stringify(process.env[name])})`);
  return value;
}
