import { join } from "node:path";
import { orderStoresOn } from "@skyport/core/orders";
import { ordersFor, uniqueCustomer } from "@skyport/core/orders/testing";
import { dynamoDbDocuments } from "@skyport/dynamodb";
import { dynamoDbLocalEnv, dynamoDbStreamReader, type StreamRecord } from "@skyport/dynamodb/testing";
import { dynamoDbStreamEvent } from "@skyport/aws-lambda/testing";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, describe, expect, inject, it } from "vitest";
import { campaignSeed, seededRandom } from "../../../../scripts/faults/seeded-random.js";
import { batchKills, type BatchKill } from "./batch-kills.js";
import { awsQueueFunction } from "./functions.js";
import { sqsRelay } from "./sqs-relay.js";
import { streamMapping } from "./stream-mapping.js";

/**
 * Issue 28, item 2 on Lambda, the change batch: the built outbox bundle under aws-lambda-ric takes
 * the orders table's changes from DynamoDB Local's own stream as the template's mapping delivers
 * them (INSERTs only, its filter; stream-mapping.ts: in the shard's order, ReportBatchItemFailures,
 * a crashed batch bisected and delivered again from the checkpoint), and is SIGKILLed at seeded
 * points of its batches, each followed by a cold start. Then the history, read back from the SQS
 * stand-in and the table: every order announced, at least once (publishOrderCreated's contract:
 * a redelivered change publishes again, and confirm ignores an order past pending), none lost;
 * nothing else announced; nothing sent to the on-failure destination; and once the queue is
 * drained every order confirmed exactly once (version 2), nothing dead-lettered. The seed is
 * printed (SKYPORT_FAULTS_SEED=<seed> replays its choices); SKYPORT_FAULTS_KILLS kills in all (6
 * in npm test, 200 in npm run test:faults), in rounds of KILLS, each with its own orders.
 * SKYPORT_FAULTS_BUNDLE=<folder> runs another build of the AWS bundles (its outbox/index.mjs).
 */
const SEED = campaignSeed();
/** Kills per round: below the template's MaximumRetryAttempts (10), so that no change reaches the on-failure destination by kills alone. */
const KILLS = 3;
const ROUNDS = Math.ceil(Number(process.env.SKYPORT_FAULTS_KILLS || 6) / KILLS);
const ORDERS = 25;
/** Smaller than the template's 100, so that a round's changes make several batches, and kills land in each. */
const BATCH_SIZE = 10;

const endpoint = inject("dynamoDbEndpoint");
const tables = inject("awsTables").killedOutbox;
const relay = await sqsRelay();
const env = { ...(dynamoDbLocalEnv(endpoint, tables) as Record<string, string>), ...relay.env, SKYPORT_LOG_LEVEL: "error" };
// The test's own peer and confirm function read region, credentials and endpoints from the process environment.
Object.assign(process.env, env);
const peer = orderStoresOn(dynamoDbDocuments(env));
const confirm = awsQueueFunction(env, { logWrite: () => {} });
const reader = dynamoDbStreamReader(endpoint, tables.orders!);
const random = seededRandom(SEED);
console.log(`killed mid change batch (Lambda outbox): seed ${SEED}, ${ROUNDS} rounds of ${KILLS} kills (replay: SKYPORT_FAULTS_SEED=${SEED})`);

const announced = (from: number) =>
  relay
    .sent()
    .slice(from)
    .map((message) => (JSON.parse(message.body) as { orderId: string }).orderId);

const outbox = batchKills<DynamoDBStreamEvent, DynamoDBBatchResponse>({
  fn: "outbox",
  env,
  codeDir: process.env.SKYPORT_FAULTS_BUNDLE && join(process.env.SKYPORT_FAULTS_BUNDLE, "outbox"),
  random,
  // Each INSERT of the batch announces one order: the work done is the orders announced since the batch was handed over.
  async progress(event) {
    const from = relay.sent().length;
    return { toDo: event.Records.length, done: async () => new Set(announced(from)).size };
  },
});
const mapping = streamMapping<StreamRecord>({
  // The template's FilterCriteria: only INSERTs invoke the function (confirm's updates are in the stream too).
  fetch: async () => (await reader.read()).filter(({ record }) => record.eventName === "INSERT"),
  sequenceNumber: ({ record }) => record.dynamodb!.SequenceNumber!,
  invoke: (batch, last) =>
    outbox.invoke(
      dynamoDbStreamEvent(
        batch[0]!.streamArn,
        batch.map(({ record }) => record),
      ),
      last,
    ),
  batchSize: BATCH_SIZE,
  maximumRetryAttempts: 10,
});

afterAll(async () => {
  await outbox.stop();
  reader.close();
  await Promise.all([relay.close(), peer.close()]);
});

describe(`the outbox bundle under aws-lambda-ric, SIGKILLed mid change batch, redelivered as the DynamoDB Streams mapping does (seed ${SEED})`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: every committed order announced (at least once), none lost, then confirmed exactly once`, { timeout: 120_000 }, async () => {
      const orders = ordersFor(uniqueCustomer("cus_killed_outbox"), ORDERS);
      await Promise.all(orders.map((order) => peer.orders.create(order)));
      const sentBefore = relay.sent().length;
      const deadBefore = relay.deadLettered().length;

      const kills: BatchKill[] = outbox.round(KILLS);
      await mapping.settle();
      const announcements = announced(sentBefore);
      const duplicates = announcements.length - new Set(announcements).size;
      console.log(`round ${round} (seed ${SEED}): ${duplicates} announcements again, kills ${JSON.stringify(kills)}`);

      expect(outbox.startFailures, `seed ${SEED}`).toEqual([]);
      expect(kills, `seed ${SEED}`).toHaveLength(KILLS);
      expect(new Set(announcements), `seed ${SEED}`).toEqual(new Set(orders.map((order) => order.id)));
      expect(mapping.onFailure, `seed ${SEED}`).toEqual([]);
      await relay.settle(confirm);
      for (const order of orders) {
        expect(await peer.orders.get(order.id), `order ${order.id} (seed ${SEED})`).toMatchObject({ status: "confirmed", version: 2 });
      }
      expect(relay.deadLettered().slice(deadBefore), `seed ${SEED}`).toEqual([]);
    });
  }
});
