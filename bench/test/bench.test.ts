import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import app from "../../apps/orders/src/app.js";
import type { BenchResults } from "../src/results.js";

const run = promisify(execFile);
const bench = join(import.meta.dirname, "..");

describe("npm run bench", () => {
  it("builds, runs every part once with tiny counts, and writes results.tmp.json without touching README", async () => {
    const readme = readFileSync(join(bench, "../README.md"), "utf8");
    await run(process.execPath, ["build.mjs"], { cwd: bench });
    const { stdout } = await run(process.execPath, ["dist/bench.mjs", "--quick"], { cwd: bench, maxBuffer: 16 * 1024 * 1024 });

    const results = JSON.parse(readFileSync(join(bench, "results.tmp.json"), "utf8")) as BenchResults;
    expect(results.quick).toBe(true);
    expect(results.invocation.rows.map((r) => `${r.cloud} ${r.layer}`)).toEqual(
      expect.arrayContaining(["aws Skyport", "aws hand-written", "aws Middy", "aws Hono", "azure Skyport", "gcp Skyport"]),
    );
    // Every event format at the templates' level (the headline) and at warn, each against the hand-written function at its level.
    for (const event of new Set(results.invocation.rows.map((r) => r.event))) {
      const handWritten = results.invocation.rows.filter((r) => r.event === event && r.layer === "hand-written");
      expect(handWritten.map((r) => r.logLevel).sort(), event).toEqual(["info", "warn"]);
    }
    const adapterCost = results.targets.filter((t) => t.target.startsWith("adapter cost"));
    expect(adapterCost.map((t) => t.target)).toEqual([
      "adapter cost, API Gateway 2.0, logs at info",
      "adapter cost, API Gateway 1.0, logs at info",
      "adapter cost, Azure HttpRequest, logs at info",
      "adapter cost, functions-framework request, logs at info",
    ]);
    expect(results.targets.find((t) => t.target.startsWith("local server"))?.limit).toBe(">= 0.9x raw node:http");
    // Every target decided from an interval (a point where the figure is exact or, in a quick run, measured once).
    for (const t of results.targets) {
      expect(["met", "missed", "undecided"], t.target).toContain(t.status);
      expect(t.interval![0], t.target).toBeLessThanOrEqual(t.interval![1]);
    }
    expect(results.invocation.rows.every((r) => r.ratioSpread !== undefined)).toBe(true);
    expect(results.coldStart.rows.filter((r) => r.layer === "Skyport").every((r) => r.extraSpread !== undefined)).toBe(true);
    // Own code per kind of function: 20 KB for a consumer, 45 KB for HTTP, 60 KB for Azure's one app; the consumers against 0.7x.
    const sizeLimits = results.targets.filter((t) => t.target.startsWith("Skyport's own code")).map((t) => t.limit);
    expect(new Set(sizeLimits)).toEqual(new Set(["<= 45 KB minified", "<= 20 KB minified", "<= 60 KB minified"]));
    expect(results.targets.filter((t) => /^(stream|change feed) consumer/.test(t.target))).toHaveLength(8);
    // One row per deployed bundle: each declared function's own on AWS and Google Cloud, the one app bundle on Azure.
    const declared = Object.keys(app.functions);
    const perFunction = ["aws", "gcp"].flatMap((cloud) => declared.map((name) => `${cloud}/${name}/index.mjs`));
    expect(results.bundles.map((b) => b.file)).toEqual([...perFunction, "azure/main.mjs"]);
    expect(results.coldStart.rows).toHaveLength(6);
    expect(results.storeSdks.filter((r) => r.store === "memory").every((r) => r.loaded.length === 0)).toBe(true);
    expect(results.throughput.rows.every((r) => r.requestsPerSecond > 0)).toBe(true);
    // Each store on its emulator, the five operations each, portable against the raw SDK.
    expect(results.documents?.rows.map((r) => `${r.store} ${r.operation}`)).toHaveLength(20);
    expect(new Set(results.documents?.rows.map((r) => r.store))).toEqual(new Set(["sqlite", "dynamodb", "firestore", "cosmos"]));
    expect(stdout).toContain("Targets");
    expect(readFileSync(join(bench, "../README.md"), "utf8")).toBe(readme);
  });
});
