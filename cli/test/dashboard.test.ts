import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { DashboardPage, launchChromium, openLoopbackPage, type LoopbackPage } from "@skyport/local/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKYPORT_BIN, temporaryWorkspace } from "./temporary-workspace.js";

const run = promisify(execFile);

/** Strings only the dashboard's server code holds: its problem types and its variable. */
const DASHBOARD_MARKERS = ["skyport.dev/problems/dashboard/", "SKYPORT_DASHBOARD_PORT"];

function bundleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(m?js|cjs)$/.test(file))
    .map((file) => join(dir, file));
}

const holdsDashboard = (dir: string) => bundleFiles(dir).filter((file) => DASHBOARD_MARKERS.some((marker) => readFileSync(file, "utf8").includes(marker)));

describe("a generated app's dashboard (skyport dev), in headless Chromium", () => {
  const root = temporaryWorkspace();
  const appDir = join(root, "apps/demo");
  let dev: ChildProcess;
  let browser: Browser;
  let tab: LoopbackPage;
  let dashboard: DashboardPage;

  beforeAll(async () => {
    await run(process.execPath, [SKYPORT_BIN, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    await run(process.execPath, [SKYPORT_BIN, "build", "aws", "gcp", "azure", "local"], { cwd: appDir });
    // Its own process group: npm, skyport dev and the server it runs stop together.
    dev = spawn("npm", ["run", "dev", "-w", "apps/demo"], {
      cwd: root,
      env: { ...process.env, PORT: "0", SKYPORT_DASHBOARD_PORT: "0" },
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: dev.stdout! }).on("line", (line) => line.includes('"message":"listening"') && resolve(JSON.parse(line).dashboard));
      dev.once("exit", (code) => reject(new Error(`skyport dev exited with ${code}`)));
    });
    browser = await launchChromium();
    tab = await openLoopbackPage(browser);
    dashboard = new DashboardPage(tab.page, url);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    if (dev?.exitCode === null) {
      const exited = once(dev, "exit");
      process.kill(-dev.pid!, "SIGTERM");
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it("is in the local server's bundle, and in no cloud's", () => {
    expect(holdsDashboard(join(appDir, "dist/local")).length).toBeGreaterThan(0);
    for (const cloud of ["aws", "gcp", "azure"]) expect(holdsDashboard(join(appDir, "dist", cloud)), cloud).toEqual([]);
  });

  it("lists the app's functions and fires its route, its queue and its schedule", async () => {
    await dashboard.open("functions");
    expect(await dashboard.card("work").locator(".trigger").textContent()).toBe("topic jobs (job.requested, receipt.requested)");
    expect(await dashboard.fire("api", { Method: "GET", Path: "/hello?name=Ada" })).toContain('"message": "Hello, Ada!"');
    const note = await dashboard.fire("api", { Method: "POST", Path: "/notes", "Body (JSON)": JSON.stringify({ owner: "ada", text: "from the dashboard" }) });
    expect(note).toContain('"status": 201');
    expect(await dashboard.fire("work", { "Event (JSON)": JSON.stringify({ type: "job.requested", jobId: "job-1" }) })).toContain('"failed": []');
    expect(await dashboard.fire("tick")).toMatch(/"at": "\d{4}-/);

    await dashboard.open("logs");
    await tab.page.getByLabel("Function").selectOption("work");
    await tab.page.locator("ol.log li", { hasText: "job done" }).filter({ hasText: "job-1" }).waitFor();
    expect(new Set(await tab.page.locator("ol.log li .fn").allTextContents())).toEqual(new Set(["work"]));
  });

  it("browses the note in its owner's partition, with its version", async () => {
    await dashboard.open("collections");
    await tab.page.getByLabel("By").selectOption("by-owner");
    await tab.page.getByLabel("Partition: owner").fill("ada");
    await tab.page.getByRole("button", { name: "Browse" }).click();
    await tab.page.getByLabel("documents").getByRole("button").click();
    const shown = await dashboard.answer(tab.page.locator(".document"));
    expect(shown).toMatch(/^version \S+/);
    expect(shown).toContain('"text": "from the dashboard"');
  });

  it("dead-letters a job without a jobId, and replays it corrected", async () => {
    await dashboard.open("functions");
    expect(await dashboard.fire("work", { "Event (JSON)": JSON.stringify({ type: "job.requested" }) })).toContain('"retryable": false');
    await dashboard.open("dead-letters");
    const row = tab.page.getByLabel("dead letters").locator("tbody tr", { hasText: "jobs" });
    expect(await row.locator("p.error").textContent()).toBe("PoisonMessage: job.requested without a jobId");
    await row.locator("textarea").fill(JSON.stringify({ type: "job.requested", jobId: "job-replayed" }));
    await row.getByRole("button", { name: /^Replay/ }).click();
    await tab.page.getByText("No dead letters.").waitFor();
    await dashboard.open("logs");
    await tab.page.locator("ol.log li", { hasText: "job done" }).filter({ hasText: "job-replayed" }).waitFor();
  });

  it("loaded nothing from off this machine and raised no error in the page", () => {
    expect(tab.offLoopback).toEqual([]);
    expect(tab.errors).toEqual([]);
  });
});
