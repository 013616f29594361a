// The process queue-crash.test.ts kills: it publishes to the queue file and prints each job once `publish` resolved (and once handled).
import { type QueueHandler, silentLogger } from "@skyport/core";
import { InProcessQueue, openQueueFile } from "../src/index.js";

const [path, count, mode] = process.argv.slice(2) as [string, string, "stuck" | "slow"];
let turn: Promise<unknown> = Promise.resolve();
// One message at a time, 5 ms each, printed once handled: the kill lands while the consumer is at work.
const slow: QueueHandler = async (messages) => {
  turn = turn.then(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const message of messages) process.stdout.write(`handled ${JSON.parse(message.body).jobId}\n`);
  });
  await turn;
  return { failed: [] };
};
const jobs = new InProcessQueue("jobs", () => silentLogger, { file: openQueueFile(path) });
jobs.attach("work", mode === "stuck" ? () => new Promise(() => {}) : async () => slow);
for (let i = 0; i < Number(count); i++) {
  await jobs.publish({ type: "job.requested", jobId: `job-${i}` });
  process.stdout.write(`published job-${i}\n`);
}
// Up, as a server is, until the test kills it.
setInterval(() => {}, 60_000);
