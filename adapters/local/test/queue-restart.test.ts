import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Lazy, type QueueHandler, silentLogger } from "@skyport/core";
import { afterAll, describe, expect, it } from "vitest";
import { InProcessQueue, MAX_ATTEMPTS, openQueueFile, type QueueFile, readDeadLetters } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-queue-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A consumer that never gets going: the process is killed before it handles anything. */
const stuck: Lazy<QueueHandler> = () => new Promise(() => {});

/** A consumer that notes each delivery (job and attempt) and answers as `outcome` says for it. */
function consumer(outcome: (attempt: number) => "done" | "retry" | "poison" | "hang" = () => "done") {
  const seen: { jobId: string; attempt: number }[] = [];
  const handler: QueueHandler = async ([message]) => {
    seen.push({ jobId: JSON.parse(message!.body).jobId, attempt: message!.attempt });
    const answer = outcome(message!.attempt);
    if (answer === "hang") return new Promise(() => {});
    return { failed: answer === "done" ? [] : [{ id: message!.id, retryable: answer === "retry" }] };
  };
  return { seen, lazy: async () => handler };
}

/** The queue of topic "jobs" on the file at `path`, as one start of a server opens it. */
function start(path: string, consumers: Record<string, Lazy<QueueHandler>>) {
  const file = openQueueFile(path);
  const jobs = new InProcessQueue("jobs", () => silentLogger, { file, deadLetterFile: `${path}.dead-letters.jsonl` });
  for (const [name, lazy] of Object.entries(consumers)) jobs.attach(name, lazy);
  return { file, jobs };
}

/** What the file holds for a consumer, read by another connection as a restarted server would. */
function waitingIn(path: string, consumer = "work") {
  const file: QueueFile = openQueueFile(path);
  try {
    return file.waiting("jobs", consumer).map(({ message }) => ({ jobId: JSON.parse(message.body).jobId, attempt: message.attempt }));
  } finally {
    file.close();
  }
}

describe("the local server's queue is kept in its SQLite file across a restart", () => {
  it("keeps a published message that no consumer handled, and delivers it after the file is opened again", async () => {
    const path = join(dir, "unhandled.db");
    const first = start(path, { work: stuck });
    await first.jobs.publish({ type: "job.requested", jobId: "j1" });
    first.file.close(); // the kill: the consumer never ran

    expect(waitingIn(path)).toEqual([{ jobId: "j1", attempt: 1 }]);
    const work = consumer();
    const second = start(path, { work: work.lazy });
    await second.jobs.drain();
    expect(work.seen).toEqual([{ jobId: "j1", attempt: 1 }]);
    second.file.close();
    expect(waitingIn(path)).toEqual([]);
  });

  it("counts attempts in the file: a message killed during its second attempt is delivered as the third", async () => {
    const path = join(dir, "attempts.db");
    const flaky = consumer((attempt) => (attempt === 1 ? "retry" : "hang"));
    const first = start(path, { work: flaky.lazy });
    await first.jobs.publish({ type: "job.requested", jobId: "j2" });
    while (flaky.seen.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    first.file.close();

    const work = consumer();
    const second = start(path, { work: work.lazy });
    await second.jobs.drain();
    expect([...flaky.seen, ...work.seen]).toEqual([1, 2, 3].map((attempt) => ({ jobId: "j2", attempt })));
    second.file.close();
    expect(waitingIn(path)).toEqual([]);
  });

  it(`dead-letters at the next start, without delivering it, a message killed during its last (${MAX_ATTEMPTS}th) attempt`, async () => {
    const path = join(dir, "last-attempt.db");
    const failing = consumer((attempt) => (attempt < MAX_ATTEMPTS ? "retry" : "hang"));
    const first = start(path, { work: failing.lazy });
    await first.jobs.publish({ type: "job.requested", jobId: "j3" });
    while (failing.seen.length < MAX_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 10));
    first.file.close();

    const work = consumer();
    const second = start(path, { work: work.lazy });
    await second.jobs.drain();
    expect(work.seen).toEqual([]);
    expect(readDeadLetters(`${path}.dead-letters.jsonl`)).toMatchObject([{ reason: "attempts exhausted", message: { attempt: MAX_ATTEMPTS } }]);
    second.file.close();
    expect(waitingIn(path)).toEqual([]);
  }, 20_000);

  it("removes a message from the file once its consumer succeeded: a restart delivers it no more", async () => {
    const path = join(dir, "done.db");
    const work = consumer();
    const first = start(path, { work: work.lazy });
    await first.jobs.publish({ type: "job.requested", jobId: "j4" });
    await first.jobs.drain();
    first.file.close();
    expect(work.seen).toEqual([{ jobId: "j4", attempt: 1 }]);
    expect(waitingIn(path)).toEqual([]);
  });

  it("dead-letters a poison message and removes it from the file", async () => {
    const path = join(dir, "poison.db");
    const poisoned = consumer(() => "poison");
    const first = start(path, { work: poisoned.lazy });
    await first.jobs.publish({ type: "job.requested", jobId: "j5" });
    await first.jobs.drain();
    first.file.close();
    expect(poisoned.seen).toEqual([{ jobId: "j5", attempt: 1 }]);
    expect(readDeadLetters(`${path}.dead-letters.jsonl`)).toMatchObject([{ reason: "poison", message: { attempt: 1 } }]);
    expect(waitingIn(path)).toEqual([]);
  });

  it("keeps one row per consumer of the topic: a restart delivers again only to the consumer that had not handled it", async () => {
    const path = join(dir, "two-consumers.db");
    const quick = consumer();
    const first = start(path, { quick: quick.lazy, slow: stuck });
    await first.jobs.publish({ type: "job.requested", jobId: "j6" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.file.close();
    // The slow one's first delivery was begun, and counted, before the kill.
    expect([waitingIn(path, "quick"), waitingIn(path, "slow")]).toEqual([[], [{ jobId: "j6", attempt: 2 }]]);

    const [quickAgain, slow] = [consumer(), consumer()];
    const second = start(path, { quick: quickAgain.lazy, slow: slow.lazy });
    await second.jobs.drain();
    second.file.close();
    expect([quick.seen, quickAgain.seen, slow.seen]).toEqual([[{ jobId: "j6", attempt: 1 }], [], [{ jobId: "j6", attempt: 2 }]]);
  });
});
