import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { soakVerdict } from "../../../../scripts/soak/verdict.mjs";
import { temporaryDirectory } from "./temporary-directory.js";

const script = fileURLToPath(new URL("../../../../scripts/soak.mjs", import.meta.url));
const dir = temporaryDirectory();

/** A ten-minute run sampled every 5 s: RSS, fds and event-loop p99 as `shape` gives them at each second, with noise. */
function run(shape: (seconds: number) => { rssMiB: number; fds: number; loopP50Ms: number; loopP99Ms: number }) {
  let seed = 7;
  const noise = (amplitude: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31 - 0.5) * 2 * amplitude;
  };
  return Array.from({ length: 121 }, (_, i) => {
    const { rssMiB, fds, loopP50Ms, loopP99Ms } = shape(i * 5);
    const delay = (ms: number, amplitude: number) => Math.max(10, ms + noise(amplitude));
    return { seconds: i * 5, rssMiB: rssMiB + noise(8), fds: Math.round(fds + noise(3)), loopP50Ms: delay(loopP50Ms, 5), loopP99Ms: delay(loopP99Ms, 15) };
  });
}
const steady = () => ({ rssMiB: 120, fds: 30, loopP50Ms: 11, loopP99Ms: 20 });
const failing = (samples: ReturnType<typeof run>) =>
  soakVerdict(samples)
    .series.filter((s) => !s.pass)
    .map((s) => s.name);

describe("the soak's verdict", () => {
  it("passes a flat series however noisy", () => {
    expect(soakVerdict(run(steady))).toMatchObject({ pass: true });
  });

  it("fails RSS that climbs steadily past 32 MiB and a fifth of its size, and names it alone", () => {
    expect(failing(run((s) => ({ ...steady(), rssMiB: 120 + s / 10 })))).toEqual(["rssMiB"]);
  });

  it("passes RSS that grows by more than 32 MiB but less than a fifth of a large heap", () => {
    expect(failing(run((s) => ({ ...steady(), rssMiB: 600 + s / 12 })))).toEqual([]);
  });

  it("fails file descriptors that leak one every 40 s, and event-loop delay that keeps rising, in its tail or its median", () => {
    expect(failing(run((s) => ({ ...steady(), fds: 30 + s / 40 })))).toEqual(["fds"]);
    expect(failing(run((s) => ({ ...steady(), loopP99Ms: 20 + s / 15 })))).toEqual(["loopP99Ms"]);
    expect(failing(run((s) => ({ ...steady(), loopP50Ms: 11 + s / 30 })))).toEqual(["loopP50Ms"]);
  });

  it("leaves the warm-up out: a climb in the first fifth that then stays flat passes", () => {
    expect(failing(run((s) => ({ ...steady(), rssMiB: 40 + Math.min(s, 100) })))).toEqual([]);
  });

  it("judges the pace at the end: a climb that levels off passes, one still climbing at the end fails", () => {
    // As the 30-minute run on this machine: 48 MiB over the first 60% of the run, then flat.
    expect(failing(run((s) => ({ ...steady(), rssMiB: 74 + (Math.min(s, 360) / 360) * 48 })))).toEqual([]);
    expect(failing(run((s) => ({ ...steady(), rssMiB: 74 + (Math.max(s - 240, 0) / 360) * 48 })))).toEqual(["rssMiB"]);
  });

  it("fails a run with too few samples to fit", () => {
    expect(soakVerdict(run(steady).slice(0, 2))).toMatchObject({ pass: false, reason: expect.stringMatching(/the fit needs 3/) });
  });
});

describe("npm run soak, 20 seconds of it", () => {
  it("serves the mixed load, samples the server's RSS, fds and event-loop delay, and writes them with a verdict", async () => {
    const out = join(dir, "soak");
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, SKYPORT_SOAK_SECONDS: "20", SKYPORT_SOAK_OUT: out },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let printed = "";
    child.stdout!.on("data", (chunk) => (printed += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    const [csv, json] = ["csv", "json"].map((ext) => readdirSync(out).find((name) => name.endsWith(`.${ext}`))!);
    const summary = JSON.parse(readFileSync(join(out, json!), "utf8"));
    const [header, ...rows] = readFileSync(join(out, csv!), "utf8").trim().split("\n");
    const samples = rows.map((row) => Object.fromEntries(row.split(",").map((cell, i) => [header!.split(",")[i], Number(cell)])));
    // About a sample a second (the server's own timer, so a busy machine may lose a few).
    expect(samples.length).toBeGreaterThanOrEqual(10);
    for (const sample of samples) {
      expect(sample.rssMiB).toBeGreaterThan(20);
      expect(sample.fds).toBeGreaterThan(3);
      expect(sample.loopP99Ms).toBeGreaterThanOrEqual(sample.loopP50Ms!);
    }
    expect(samples.at(-1)!.requests).toBeGreaterThan(samples[0]!.requests!);
    expect(summary).toMatchObject({ errors: 0, unexpected: 0, serverExitCode: 0, cleanup: { failed: 0 } });
    expect(summary.byStatus["201"]).toBeGreaterThan(0);
    expect(summary.confirmedSeen, "the outbox and the confirm queue ran").toBeGreaterThan(0);
    expect(summary.imports.files).toBeGreaterThan(0);
    expect(summary.imports.reported, "every file dropped was imported").toBe(summary.imports.files);
    expect(summary.cleanup.runs).toBeGreaterThan(0);
    // Whether 20 s grow is the machine's business; that the exit code follows the verdict is the script's.
    expect(code).toBe(summary.pass ? 0 : 1);
    expect(printed).toMatch(/RSS \(MiB\)[\s\S]*open fds[\s\S]*event-loop p50[\s\S]*event-loop p99/);
  }, 120_000);
});
