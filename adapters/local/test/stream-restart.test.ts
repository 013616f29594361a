import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Lazy, type StreamHandler, silentLogger } from "@skyport/core";
import { afterAll, describe, expect, it } from "vitest";
import { InProcessStream, MAX_ATTEMPTS, openQueueFile, readDeadLetters } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-stream-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A consumer that notes each record it is handed (key, data, attempt) and answers as `outcome` says for the batch's attempt. */
function consumer(outcome: (attempt: number) => "done" | "retry" | "hang" = () => "done") {
  const seen: string[] = [];
  const handler: StreamHandler = async (records) => {
    for (const record of records) seen.push(`${record.key}:${record.data}@${record.attempt}`);
    const answer = outcome(records[0]!.attempt);
    if (answer === "hang") return new Promise(() => {});
    const failed = answer === "retry" ? records.map(({ position, key }) => ({ position, key, retryable: true, reason: "failed" as const })) : [];
    return { failed };
  };
  return { seen, lazy: async () => handler };
}

/** The stream "shipments" on the file at `path`, as one start of a server opens it. */
function start(path: string, handler: Lazy<StreamHandler>) {
  const file = openQueueFile(path);
  const shipments = new InProcessStream("shipments", () => silentLogger, { file, deadLetterFile: `${path}.dead-letters.jsonl`, backoffMs: 5 });
  shipments.attach(handler);
  return { file, shipments };
}

/** What the file still holds for the stream, read as a restarted server would. */
function leftIn(path: string) {
  const file = openQueueFile(path);
  try {
    return file.records("shipments");
  } finally {
    file.close();
  }
}

const records = [
  { partitionKey: "a", data: "1" },
  { partitionKey: "b", data: "1" },
  { partitionKey: "a", data: "2" },
];

describe("the local server's stream is kept in its SQLite file across a restart", () => {
  it("keeps records put on it that no consumer handled, and delivers them in order after the file is opened again", async () => {
    const path = join(dir, "unhandled.db");
    const first = start(path, () => new Promise(() => {}));
    void first.shipments.put(records); // never answers: the consumer never gets going
    await new Promise((resolve) => setTimeout(resolve, 20));
    first.file.close(); // the kill

    const ship = consumer();
    const second = start(path, ship.lazy);
    await second.shipments.drain();
    // The first delivery was begun, and counted, before the kill.
    expect(ship.seen).toEqual(["a:1@2", "b:1@2", "a:2@2"]);
    second.file.close();
    expect(leftIn(path)).toEqual([]);
  });

  it("counts deliveries in the file: a batch killed during its second delivery is delivered as the third, before what is put next", async () => {
    const path = join(dir, "attempts.db");
    const flaky = consumer((attempt) => (attempt === 1 ? "retry" : "hang"));
    const first = start(path, flaky.lazy);
    void first.shipments.put(records);
    while (flaky.seen.length < 6) await new Promise((resolve) => setTimeout(resolve, 5));
    first.file.close();

    const ship = consumer();
    const second = start(path, ship.lazy);
    await second.shipments.put([{ partitionKey: "a", data: "3" }]);
    expect(ship.seen).toEqual(["a:1@3", "b:1@3", "a:2@3", "a:3@1"]);
    second.file.close();
    expect(leftIn(path)).toEqual([]);
  });

  it(`gives a batch killed during its second delivery only the deliveries it has left: ${MAX_ATTEMPTS} in all, then dead-letters it`, async () => {
    const path = join(dir, "attempts-left.db");
    const flaky = consumer((attempt) => (attempt === 1 ? "retry" : "hang"));
    const first = start(path, flaky.lazy);
    void first.shipments.put([{ partitionKey: "a", data: "1" }]);
    while (flaky.seen.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    first.file.close();

    const failing = consumer(() => "retry");
    const second = start(path, failing.lazy);
    await second.shipments.drain();
    second.file.close();
    expect(failing.seen).toEqual(["a:1@3", "a:1@4", "a:1@5"]);
    expect(readDeadLetters(`${path}.dead-letters.jsonl`)).toMatchObject([{ reason: "attempts exhausted", message: { attempt: MAX_ATTEMPTS } }]);
    expect(leftIn(path)).toEqual([]);
  });

  it(`dead-letters at the next start, without delivering them, records killed during their last (${MAX_ATTEMPTS}th) delivery`, async () => {
    const path = join(dir, "last-attempt.db");
    const failing = consumer((attempt) => (attempt < MAX_ATTEMPTS ? "retry" : "hang"));
    const first = start(path, failing.lazy);
    void first.shipments.put([{ partitionKey: "a", data: "1" }]);
    while (failing.seen.length < MAX_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 5));
    first.file.close();

    const ship = consumer();
    const second = start(path, ship.lazy);
    await second.shipments.drain();
    second.file.close();
    expect(ship.seen).toEqual([]);
    expect(leftIn(path)).toEqual([]);
    expect(readDeadLetters(`${path}.dead-letters.jsonl`)).toMatchObject([{ reason: "attempts exhausted", message: { attempt: MAX_ATTEMPTS } }]);
  });

  it("delivers, while it runs, records another process put in the file (skyport put-records), each once", async () => {
    const path = join(dir, "producer.db");
    const ship = consumer();
    // Slower than the poll: records stay in the file, handed on, through several polls.
    const slow: Lazy<StreamHandler> = async () => async (batch, context) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return (await ship.lazy())(batch, context);
    };
    const server = start(path, slow);
    server.shipments.watch(5);
    const producer = openQueueFile(path); // another handle on the file, as another process opens it
    producer.put("shipments", records);
    await server.shipments.put([{ partitionKey: "c", data: "1" }]);
    while (ship.seen.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 30)); // a few more polls: nothing is handed on twice
    server.shipments.unwatch();
    await server.shipments.drain();
    producer.close();
    server.file.close();
    expect(ship.seen.toSorted()).toEqual(["a:1@1", "a:2@1", "b:1@1", "c:1@1"]);
    expect(leftIn(path)).toEqual([]);
  });
});
