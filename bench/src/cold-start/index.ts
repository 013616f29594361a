import { spawn } from "node:child_process";
import { builtBundles } from "../bundles/deployed-bundles.js";
import { median, spreadOf } from "../decision/interval.js";
import type { ColdStartResult, ColdStartRow } from "../results.js";
import { PROBE, coldSubjects, type ColdSubject } from "./cold-subjects.js";

export interface ProbeRun {
  inProcessMs: number;
  wallMs: number;
  stdout: string;
}

/** What the probe invokes: each cloud's HTTP function, or AWS's queue and cleanup functions. */
export type ProbeKind = ColdSubject["cloud"] | "aws-confirm" | "aws-cleanup";

/** Starts `node [nodeFlags] probe.mjs` on a bundle and waits for it to exit: the whole process, timed from outside. */
export function probe(
  subject: { cloud: ProbeKind; bundle: string; env: Record<string, string> },
  extraEnv: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeFlags, PROBE, subject.cloud, subject.bundle], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...subject.env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stdout.split("\n").find((l) => l.startsWith('{"probe"'));
      const result = line ? (JSON.parse(line) as { status: number; inProcessMs: number }) : undefined;
      if (code !== 0 || !result || result.status !== 200) {
        reject(new Error(`cold start of ${subject.bundle} failed (exit ${code}, status ${result?.status}):\n${stderr.slice(-2000)}${stdout.slice(-1000)}`));
      } else resolve({ inProcessMs: result.inProcessMs, wallMs, stdout });
    });
  });
}

/**
 * Cold starts of each cloud's HTTP bundle and of the hand-written one with the same SDKs,
 * alternating run by run; the first runs of each warm the file cache and are not counted. Each Skyport run and
 * the hand-written run beside it are one sample of the difference, whose median and bootstrap interval decide the target.
 */
export async function measureColdStarts(runs: number, warmup = 2): Promise<ColdStartResult> {
  const clouds = [...new Set(builtBundles().map((b) => b.cloud))];
  const subjects = coldSubjects(clouds);
  const rows: ColdStartRow[] = subjects.map(({ cloud, layer, store, bundle }) => ({ cloud, layer, store, bundle, inProcessMs: 0, wallMs: 0, runs: [] }));
  for (let run = 0; run < warmup + runs; run++) {
    for (let i = 0; i < subjects.length; i++) {
      const k = run % 2 ? subjects.length - 1 - i : i; // alternate the order, so that neither always goes first
      const { inProcessMs, wallMs } = await probe(subjects[k]!);
      if (run >= warmup) rows[k]!.runs.push({ inProcessMs, wallMs });
    }
  }
  for (const row of rows) {
    row.inProcessMs = median(row.runs.map((r) => r.inProcessMs));
    row.wallMs = median(row.runs.map((r) => r.wallMs));
  }
  // Each Skyport run against the hand-written run beside it: load from outside that slows a
  // stretch of the run slows both of a pair, and the median of the differences keeps the rest.
  for (const row of rows.filter((r) => r.layer === "Skyport")) {
    const hand = rows.find((r) => r.cloud === row.cloud && r.layer === "hand-written")!;
    const extra = (key: "inProcessMs" | "wallMs") => spreadOf(row.runs.map((run, i) => run[key] - hand.runs[i]![key]));
    row.extraSpread = { inProcess: extra("inProcessMs"), wall: extra("wallMs") };
    row.extraMs = { inProcess: row.extraSpread.inProcess.median, wall: row.extraSpread.wall.median };
  }
  return { runs, firstInvocation: "GET /health, the store configured (its SDK loaded and its client made, no call over the network)", rows };
}
