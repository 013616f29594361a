import { CreateStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { SQSClient } from "@aws-sdk/client-sqs";
import { processStream, silentLogger, systemClock, type StreamHandler } from "@skyport/core";
import { applyShipment, MemoryOrderStore } from "@skyport/core/orders";
import { streamContract, type RecordOutcome } from "@skyport/core/orders/testing";
import type { KinesisStreamEvent } from "aws-lambda";
import { describe, expect, inject, it } from "vitest";
import {
  fromKinesisStreamEvent,
  isKinesisStreamEvent,
  lambdaStreamHandler,
  SqsStreamDeadLetters,
  sqsStreamDeadLetters,
  toKinesisBatchResponse,
  UnsupportedEvent,
} from "../src/index.js";
import fixture from "../src/testing/fixtures/kinesis-event.json" with { type: "json" };
import { lambdaContext, sqsStandIn, sqsEvent } from "../src/testing/index.js";
import { kinesisClient, kinesisEvent, putRecords, readShard } from "../src/testing/kinesis.js";

const DEAD_LETTER_QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/skyport-shipments-dead-letter";
let streams = 0;

/** A stream of one shard on kinesalite, and the Lambda stream function reading it, its dead letters sent to the SQS stand-in. */
async function shipmentsOnKinesis(handler: (orders: MemoryOrderStore) => StreamHandler) {
  const kinesis = kinesisClient(inject("kinesisEndpoint"));
  const streamName = `shipments-${process.pid}-${++streams}`;
  await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
  const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  const sqs = await sqsStandIn();
  const orders = new MemoryOrderStore();
  const deadLetters = new SqsStreamDeadLetters(
    () => new SQSClient({ endpoint: sqs.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
    DEAD_LETTER_QUEUE,
  );
  const lambda = lambdaStreamHandler(async () => handler(orders), { logger: silentLogger }, deadLetters);
  /** PutRecords, GetRecords from the first of them, the mapping's event, one invocation. */
  async function deliver(records: { key: string; data: string }[]) {
    const sequences = await putRecords(kinesis, streamName, records);
    const event = kinesisEvent(await readShard(kinesis, streamName, sequences[0]!, records.length), StreamDescriptionSummary!.StreamARN!);
    const sentBefore = sqs.queued(DEAD_LETTER_QUEUE).length;
    const response = await lambda(event, lambdaContext({ functionName: "skyport-orders-ship" }));
    const dead = sqs
      .queued(DEAD_LETTER_QUEUE)
      .slice(sentBefore)
      .map((message) => JSON.parse(message.body) as { sequenceNumber: string });
    return { sequences, event, response, dead };
  }
  return { orders, deliver, close: () => sqs.close() };
}

streamContract("Lambda's stream function on kinesalite (PutRecords, the event from GetRecords), dead letters to SQS, memory store", async () => {
  const shipments = await shipmentsOnKinesis((orders) => processStream("shipments", applyShipment({ orders, clock: systemClock })));
  return {
    orders: shipments.orders,
    redeliversItself: false,
    close: shipments.close,
    async deliver(records) {
      const { sequences, response, dead } = await shipments.deliver(records);
      const retried = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
      const deadLettered = new Set(dead.map((letter) => letter.sequenceNumber));
      return sequences.map((sequence): RecordOutcome => (retried.has(sequence) ? "retry" : deadLettered.has(sequence) ? "dead-lettered" : "done"));
    },
  };
});

describe("Kinesis records -> StreamRecord[]", () => {
  it("translates the documented sample: partition key, sequence number as position, base64 data as text", () => {
    const event = fixture as unknown as KinesisStreamEvent;
    expect(isKinesisStreamEvent(event)).toBe(true);
    expect(fromKinesisStreamEvent(event)).toEqual([
      { key: "1", position: "49590338271490256608559692538361571095921575989136588898", data: "Hello, this is a test.", attempt: 1 },
      { key: "1", position: "49590338271490256608559692540925702759324208523137515618", data: "This is only a test.", attempt: 1 },
    ]);
  });

  it("reports the retryable failures by sequence number, nothing else", () => {
    const response = toKinesisBatchResponse([{ position: "495903", key: "1", retryable: true, reason: "failed" }]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "495903" }] });
  });

  it("refuses an event of another source", async () => {
    const lambda = lambdaStreamHandler(async () => async () => ({ failed: [] }), { logger: silentLogger }, undefined);
    expect(isKinesisStreamEvent(sqsEvent([{ id: "a", body: "{}" }]))).toBe(false);
    await expect(lambda(sqsEvent([{ id: "a", body: "{}" }]) as unknown as KinesisStreamEvent, lambdaContext())).rejects.toThrow(UnsupportedEvent);
  });
});

describe("poison records that cannot be dead-lettered", () => {
  const poisonAll: StreamHandler = async (records) => ({
    failed: records.map((r) => ({ position: r.position, key: r.key, retryable: false, reason: "poison" })),
  });

  it("are reported failed when no dead-letter queue is configured, so that the mapping's retries and on-failure destination take them", async () => {
    const kinesis = await shipmentsOnKinesis(() => poisonAll);
    const { event } = await kinesis.deliver([{ key: "k", data: "{}" }]);
    const lambda = lambdaStreamHandler(async () => poisonAll, { logger: silentLogger }, undefined);
    expect(await lambda(event, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.kinesis.sequenceNumber }] });
    await kinesis.close();
  });

  it("are reported failed when SQS refuses them", async () => {
    const kinesis = await shipmentsOnKinesis(() => poisonAll);
    const { event } = await kinesis.deliver([{ key: "k", data: "{}" }]);
    const refusing = { send: async () => Promise.reject(new Error("AccessDenied")) };
    const lambda = lambdaStreamHandler(async () => poisonAll, { logger: silentLogger }, refusing);
    expect(await lambda(event, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.kinesis.sequenceNumber }] });
    await kinesis.close();
  });
});

describe("the dead-letter queue a stream function's bundle reads from its environment (SKYPORT_STREAM_DEAD_LETTERS)", () => {
  it("is none when unset, so poison is reported failed, and a configuration error when it is not a queue URL", () => {
    expect(sqsStreamDeadLetters({})).toBeUndefined();
    expect(() => sqsStreamDeadLetters({ SKYPORT_STREAM_DEAD_LETTERS: "arn:aws:sqs:us-east-1:123456789012:dead" })).toThrow(/SKYPORT_STREAM_DEAD_LETTERS/);
  });

  it("sends the record, its data and where it came from, to the queue it names (the SDK sends to the queue URL's host)", async () => {
    const sqs = await sqsStandIn();
    const queueUrl = `${sqs.url.replace(/\/$/, "")}/123456789012/skyport-shipments-dead-letter`;
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
    try {
      const deadLetters = sqsStreamDeadLetters({ SKYPORT_STREAM_DEAD_LETTERS: queueUrl });
      await deadLetters!.send([{ key: "ord_1", position: "4959", data: "{oops", attempt: 1 }], "arn:aws:kinesis:us-east-1:123456789012:stream/shipments");
      expect(sqs.queued(queueUrl).map((message) => JSON.parse(message.body))).toEqual([
        { source: "arn:aws:kinesis:us-east-1:123456789012:stream/shipments", partitionKey: "ord_1", sequenceNumber: "4959", data: "{oops", reason: "poison" },
      ]);
    } finally {
      process.env = saved;
      await sqs.close();
    }
  });
});
