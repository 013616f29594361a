import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PoisonMessage, routeMessages, silentLogger } from "@skyport/core";
import { afterAll, describe, expect, it } from "vitest";
import { InProcessQueue, MAX_ATTEMPTS, readDeadLetters } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-queue-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A queue whose consumer fails as told: poison, a retryable failure every time, or done. */
function queue(file: string) {
  const seen: string[] = [];
  const consumer = routeMessages("jobs", {
    "job.poisoned": async () => {
      throw new PoisonMessage("never");
    },
    "job.flaky": async (event) => {
      seen.push(String(event.jobId));
      throw new Error("the store is away");
    },
    "job.requested": async (event) => void seen.push(String(event.jobId)),
  });
  const jobs = new InProcessQueue("jobs", () => silentLogger, { deadLetterFile: file });
  jobs.attach("work", async () => consumer);
  return { jobs, seen };
}

describe("the local server's in-process queue never drops a message", () => {
  it("dead-letters a poison message at once, in memory and in the dead-letter file", async () => {
    const file = join(dir, "poison.jsonl");
    const { jobs, seen } = queue(file);
    await jobs.publish({ type: "job.poisoned", jobId: "p1" });
    await jobs.publish({ type: "job.requested", jobId: "ok" });
    await jobs.drain();
    expect(seen).toEqual(["ok"]);
    expect(jobs.deadLetters).toMatchObject([{ topic: "jobs", reason: "poison", message: { attempt: 1 } }]);
    expect(readDeadLetters(file)).toEqual(jobs.deadLetters);
  });

  it(`retries a failing message with backoff, and dead-letters it after ${MAX_ATTEMPTS} attempts`, async () => {
    const file = join(dir, "exhausted.jsonl");
    const { jobs, seen } = queue(file);
    await jobs.publish({ type: "job.flaky", jobId: "f1" });
    await jobs.drain();
    expect(seen).toEqual(Array(MAX_ATTEMPTS).fill("f1"));
    expect(readDeadLetters(file)).toMatchObject([
      { reason: "attempts exhausted", message: { attempt: MAX_ATTEMPTS, body: '{"type":"job.flaky","jobId":"f1"}' } },
    ]);
  }, 20_000);

  it("reads no dead letters where there is no file", () => {
    expect(readDeadLetters(join(dir, "none.jsonl"))).toEqual([]);
  });
});
