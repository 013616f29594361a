import { randomBytes } from "node:crypto";
import { http, type HttpFunction } from "@google-cloud/functions-framework";
import { PubSub, type Message as PubSubMessage } from "@google-cloud/pubsub";
import { processStream, silentLogger, systemClock, type StreamConsumer, type StreamHandler } from "@skyport/core";
import { applyShipment, MemoryOrderStore } from "@skyport/core/orders";
import { streamContract, type RecordOutcome } from "@skyport/core/orders/testing";
import { describe, expect, inject, it } from "vitest";
import { fromPushBody, gcpStreamHandler, PubSubStreamDeadLetters, pubSubStreamDeadLetters } from "../src/index.js";
import { serveFunction } from "../src/testing/index.js";

// As on Google Cloud, the clients find the emulator through the standard variable.
process.env.PUBSUB_EMULATOR_HOST = inject("pubsubEmulatorHost");
const projectId = inject("pubsubProjectId");
let functions = 0;

/**
 * A topic with an ordered push subscription to the stream function (served by the functions
 * framework on loopback), its dead-letter topic and policy, and a pull subscription that reads
 * the dead letters. Each push and its answer are recorded by the message's contract attributes.
 */
async function shipmentsOnPubSub(handler: StreamHandler) {
  const admin = new PubSub({ projectId });
  const name = `shipments-${randomBytes(4).toString("hex")}`;
  const deadLetterTopicName = `projects/${projectId}/topics/${name}-dead-letter`;
  const deadLetters = new PubSubStreamDeadLetters(deadLetterTopicName, projectId);
  const answered = new Map<string, number[]>();
  const stream = gcpStreamHandler(async () => handler, { logger: silentLogger }, deadLetters);
  const recording: HttpFunction = async (req, res) => {
    const id = req.body?.message?.attributes?.["contract-record"] as string;
    res.on("finish", () => answered.set(id, [...(answered.get(id) ?? []), res.statusCode]));
    return stream(req, res);
  };
  const functionName = `ship${++functions}`;
  http(functionName, recording);
  const server = await serveFunction(functionName);

  const [deadLetterTopic] = await admin.createTopic(deadLetterTopicName);
  const [deadLetterReader] = await deadLetterTopic.createSubscription(`${name}-dead-letter-reader`);
  const dead = new Set<string>();
  const sentinels = new Map<string, () => void>();
  deadLetterReader.on("message", (message: PubSubMessage) => {
    const { "contract-record": record, "contract-sentinel": sentinel } = message.attributes;
    if (record) dead.add(record);
    if (sentinel) sentinels.get(sentinel)?.();
    message.ack();
  });
  /**
   * A poison record is answered 204 once its dead letter is published, but the reader may get it
   * later: a sentinel published after every answer, once read, says the dead letters before it are in.
   */
  async function deadLettersRead() {
    const sentinel = randomBytes(4).toString("hex");
    const read = new Promise<void>((resolve) => sentinels.set(sentinel, resolve));
    await deadLetterTopic.publishMessage({ data: Buffer.from("sentinel"), attributes: { "contract-sentinel": sentinel } });
    await read;
  }
  const [topic] = await admin.createTopic(name);
  await topic.createSubscription(`${name}-push`, {
    enableMessageOrdering: true,
    pushConfig: { pushEndpoint: server.url },
    deadLetterPolicy: { deadLetterTopic: deadLetterTopicName, maxDeliveryAttempts: 5 },
    retryPolicy: { minimumBackoff: { seconds: 0, nanos: 100_000_000 }, maximumBackoff: { seconds: 1 } },
  });
  const publisher = admin.topic(name, { messageOrdering: true, batching: { maxMessages: 1, maxMilliseconds: 0 } });
  let deliveries = 0;
  /** Keys whose message Pub/Sub keeps redelivering: the emulator pushes nothing after it on that key. */
  const stuckKeys = new Set<string>();

  /** Publishes with the key as ordering key, then waits until each record is acknowledged, dead-lettered, or refused twice. */
  async function deliver(records: { key: string; data: string }[]): Promise<RecordOutcome[]> {
    const delivery = ++deliveries;
    const ids = records.map((_, i) => `${delivery}-${i}`);
    for (const [i, record] of records.entries()) {
      await publisher.publishMessage({ data: Buffer.from(record.data), orderingKey: record.key, attributes: { "contract-record": ids[i]! } });
    }
    const outcome = (id: string): RecordOutcome | undefined => {
      if (dead.has(id)) return "dead-lettered";
      const statuses = answered.get(id) ?? [];
      if (statuses.at(-1) === 204) return statuses.length === 1 ? "done" : "retry";
      return statuses.length >= 2 ? "retry" : undefined;
    };
    // A record behind a failing one of its key is not pushed at all (Pub/Sub's ordering): it counts as waiting to be retried.
    const keyOf = (id: string) => records[ids.indexOf(id)]!.key;
    const heldBack = (id: string) =>
      stuckKeys.has(keyOf(id)) || ids.slice(0, ids.indexOf(id)).some((earlier) => outcome(earlier) === "retry" && keyOf(earlier) === keyOf(id));
    for (const giveUp = Date.now() + 15_000; Date.now() < giveUp; await new Promise((resolve) => setTimeout(resolve, 100))) {
      if (ids.every((id) => outcome(id) !== undefined || heldBack(id))) break;
    }
    await deadLettersRead();
    for (const id of ids) if (outcome(id) === "retry") stuckKeys.add(keyOf(id));
    return ids.map((id) => outcome(id) ?? "retry");
  }
  return {
    deliver,
    pushes: (index: number, delivery = deliveries) => answered.get(`${delivery}-${index}`) ?? [],
    async close() {
      await deadLetterReader.close();
      await deadLetters.close();
      await admin.close();
      await server.close();
    },
  };
}

streamContract("functions framework HTTP function, pushed by an ordered Pub/Sub subscription on Google's emulator, memory store", async () => {
  const orders = new MemoryOrderStore();
  const shipments = await shipmentsOnPubSub(processStream("shipments", applyShipment({ orders, clock: systemClock })));
  return { orders, redeliversItself: false, deliver: shipments.deliver, close: shipments.close };
});

describe("ordered delivery on the emulator", () => {
  it("redelivers a failing message (500) and holds back its key's later messages, while other keys go on", async () => {
    const failing = new Set(["a1"]);
    const handler: StreamHandler = async ([record]) => {
      const name = record!.data;
      return { failed: failing.has(name) ? [{ position: record!.position, key: record!.key, retryable: true, reason: "failed" }] : [] };
    };
    const shipments = await shipmentsOnPubSub(handler);
    try {
      const outcomes = await shipments.deliver([
        { key: "a", data: "a1" },
        { key: "a", data: "a2" },
        { key: "b", data: "b1" },
      ]);
      expect(outcomes).toEqual(["retry", "retry", "done"]);
      expect(shipments.pushes(0).length).toBeGreaterThanOrEqual(2);
      expect(shipments.pushes(0).every((status) => status === 500)).toBe(true);
      expect(shipments.pushes(1)).toEqual([]); // never pushed while a1 fails
    } finally {
      await shipments.close();
    }
  });
});

// A push carries one message, so the hold-back here is the 500 and Pub/Sub's ordering (one outstanding message per key), not
// processStream's `break` (core/test/stream.test.ts): acknowledging a retryable failure is what this test catches.
describe("processStream on the functions framework, pushed in order: a key's failed record holds back its later ones", () => {
  it("does not apply a key's second record while its first fails (500s), applies other keys meanwhile, and both in order once the first succeeds", async () => {
    const applied: string[] = [];
    let a1Fails = true;
    const consume: StreamConsumer = async (event) => {
      const { name } = event.data as { name: string };
      if (name === "a1" && a1Fails) throw new Error("the store did not answer"); // retryable
      applied.push(name);
    };
    const shipments = await shipmentsOnPubSub(processStream("shipments", consume));
    try {
      const record = (key: string, name: string) => ({ key, data: JSON.stringify({ name }) });
      const outcomes = await shipments.deliver([record("a", "a1"), record("a", "a2"), record("b", "b1")]);
      expect(outcomes).toEqual(["retry", "retry", "done"]);
      expect(shipments.pushes(0).length).toBeGreaterThanOrEqual(2);
      expect(shipments.pushes(0).every((status) => status === 500)).toBe(true);
      expect(applied, "a2 is not applied in the delivery where a1 fails").toEqual(["b1"]);

      a1Fails = false;
      for (const giveUp = Date.now() + 15_000; applied.length < 3 && Date.now() < giveUp; ) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(applied, "held back, not lost: a1 then a2 once a1 succeeds").toEqual(["b1", "a1", "a2"]);
    } finally {
      await shipments.close();
    }
  });
});

describe("a push body -> StreamRecord", () => {
  it("takes the ordering key and delivery attempt where Google sends them, and stands in for them where the emulator leaves them out", () => {
    const message = { data: Buffer.from("{}").toString("base64"), messageId: "m-1", attributes: { traceparent: "t" } };
    expect(fromPushBody({ message: { ...message, orderingKey: "ord_1" }, subscription: "s", deliveryAttempt: 3 })).toEqual({
      key: "ord_1",
      position: "m-1",
      data: "{}",
      attempt: 3,
      attributes: { traceparent: "t" },
    });
    expect(fromPushBody({ message, subscription: "s" })).toMatchObject({ key: "m-1", attempt: 1 });
  });
});

describe("the dead-letter topic (SKYPORT_STREAM_DEAD_LETTERS)", () => {
  it("is read from the environment: none when unset, a topic by id or full name, a configuration error otherwise", () => {
    expect(pubSubStreamDeadLetters({})).toBeUndefined();
    expect(pubSubStreamDeadLetters({ SKYPORT_STREAM_DEAD_LETTERS: `projects/${projectId}/topics/dead-letter` })).toBeInstanceOf(PubSubStreamDeadLetters);
    expect(() => pubSubStreamDeadLetters({ SKYPORT_STREAM_DEAD_LETTERS: "1-not a topic" })).toThrow(/SKYPORT_STREAM_DEAD_LETTERS/);
  });

  it("when none is configured, a poison message is not acknowledged (500), so the subscription's dead-letter policy takes it", async () => {
    const poison: StreamHandler = async ([record]) => ({ failed: [{ position: record!.position, key: record!.key, retryable: false, reason: "poison" }] });
    http(
      "shipNoDeadLetters",
      gcpStreamHandler(async () => poison, { logger: silentLogger }, undefined),
    );
    const server = await serveFunction("shipNoDeadLetters");
    try {
      const message = { data: Buffer.from("{oops").toString("base64"), messageId: "m-1", orderingKey: "ord_1" };
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message, subscription: "s" }),
      });
      expect(response.status).toBe(500);
    } finally {
      await server.close();
    }
  });
});
