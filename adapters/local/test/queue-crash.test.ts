import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type QueueHandler, silentLogger } from "@skyport/core";
import { bundleChildScript } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessQueue, openQueueFile } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-queue-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const publisher = join(dir, "publisher.mjs");

beforeAll(() => bundleChildScript(fileURLToPath(new URL("./publisher-process.ts", import.meta.url)), publisher));

/** Runs the publisher on `path` and SIGKILLs it once `killWhen` says so; answers the jobs it published and those it handled before. */
async function publishAndKill(path: string, count: number, mode: "stuck" | "slow", killWhen: (published: number, handled: number) => boolean) {
  const child = spawn(process.execPath, [publisher, path, String(count), mode], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const published = new Set<string>();
  const handled = new Set<string>();
  for await (const line of createInterface({ input: child.stdout })) {
    const [what, job] = line.split(" ") as [string, string];
    (what === "published" ? published : handled).add(job);
    if (killWhen(published.size, handled.size)) break;
  }
  child.kill("SIGKILL");
  await exited;
  return { published, handled };
}

/** The next start: the queue on the same file with a consumer that notes every job delivered to it. */
async function restart(path: string) {
  const delivered = new Set<string>();
  const work: QueueHandler = async (messages) => {
    for (const message of messages) delivered.add(JSON.parse(message.body).jobId);
    return { failed: [] };
  };
  const file = openQueueFile(path);
  const jobs = new InProcessQueue("jobs", () => silentLogger, { file });
  jobs.attach("work", async () => work);
  await jobs.drain();
  file.close();
  return delivered;
}

describe("a local server killed with messages in its queue loses none of them", () => {
  it("delivers at the next start every message published before the kill, when no consumer had run", async () => {
    const path = join(dir, "stuck.db");
    const count = 300;
    const { published } = await publishAndKill(path, count, "stuck", (n) => n === count);
    expect(published.size).toBe(count);
    const delivered = await restart(path);
    expect([...published].filter((job) => !delivered.has(job))).toEqual([]);
    expect(delivered.size).toBe(count);
  });

  it("delivers at the next start every message the killed one had not handled, when the kill came while its consumer ran", async () => {
    const path = join(dir, "slow.db");
    const count = 200;
    const killAt = 10 + Math.floor(Math.random() * 90);
    const { published, handled } = await publishAndKill(path, count, "slow", (p, h) => p === count && h >= killAt);
    expect([published.size, handled.size < count]).toEqual([count, true]);
    const delivered = await restart(path);
    // At least once: each job handled before the kill or delivered after it.
    expect([...published].filter((job) => !handled.has(job) && !delivered.has(job))).toEqual([]);
  });
});
