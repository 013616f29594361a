import { orderStoresOn, type Order } from "@skyport/core/orders";
import { orderAt, ordersFor, shipmentRecord, uniqueCustomer } from "@skyport/core/orders/testing";
import { dynamoDbDocuments } from "@skyport/dynamodb";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { campaignSeed, seededRandom } from "../../../../scripts/faults/seeded-random.js";
import { batchKills, type BatchKill } from "./batch-kills.js";
import { shipmentsStream } from "./shipments-stream.js";
import { sqsRelay } from "./sqs-relay.js";
import { streamMapping } from "./stream-mapping.js";

/**
 * Issue 28, item 2 on Lambda, the stream: the built ship bundle under aws-lambda-ric takes
 * shipment.dispatched records from the shipments stream (kinesalite) as the template's mapping
 * delivers them (stream-mapping.ts: in the shard's order, ReportBatchItemFailures, a crashed batch
 * bisected and delivered again from the checkpoint), and is SIGKILLed at seeded points of its
 * batches, each followed by a cold start. Then the history, read back from DynamoDB Local and the
 * dead-letter queue: every shipment applied once (shipped, version 2, its shipmentId), only the
 * poison records dead-lettered, nothing sent to the on-failure destination. The seed is printed
 * (SKYPORT_FAULTS_SEED=<seed> replays its choices); SKYPORT_FAULTS_KILLS kills in all (6 in npm
 * test, 200 in npm run test:faults), in rounds of KILLS, each with its own orders and records.
 * SKYPORT_FAULTS_BUNDLE=<folder> runs another build of the AWS bundles (its ship/index.mjs).
 */
const SEED = campaignSeed();
/** Kills per round: below the template's MaximumRetryAttempts (10), so that no record reaches the on-failure destination by kills alone. */
const KILLS = 3;
const ROUNDS = Math.ceil(Number(process.env.SKYPORT_FAULTS_KILLS || 6) / KILLS);
const ORDERS = 25;
/** Smaller than the template's 100, so that a round's records make several batches, and kills land in each. */
const BATCH_SIZE = 10;

const relay = await sqsRelay();
const shipments = await shipmentsStream("skyport-orders-shipments-killed");
const deadLetterQueue = relay.queueUrlOf("skyport-orders-shipments-dead-letters");
const env = {
  ...(dynamoDbLocalEnv(inject("dynamoDbEndpoint"), inject("awsTables").killedShip) as Record<string, string>),
  ...relay.env,
  SKYPORT_STREAM_DEAD_LETTERS: deadLetterQueue,
  SKYPORT_LOG_LEVEL: "error",
};
// The test's own peer reads region, credentials and endpoint from the process environment.
Object.assign(process.env, env);
const peer = orderStoresOn(dynamoDbDocuments(env));
const random = seededRandom(SEED);
console.log(`killed mid stream batch (Lambda ship): seed ${SEED}, ${ROUNDS} rounds of ${KILLS} kills (replay: SKYPORT_FAULTS_SEED=${SEED})`);

/** The order ids of a batch's shipment records (poison has none, or none of a stored order). */
const orderIds = (event: KinesisStreamEvent) =>
  event.Records.flatMap(({ kinesis }) => {
    try {
      const { orderId } = JSON.parse(Buffer.from(kinesis.data, "base64").toString("utf8")) as { orderId?: unknown };
      return typeof orderId === "string" ? [orderId] : [];
    } catch {
      return [];
    }
  });
const statuses = async (ids: string[]) => Promise.all(ids.map(async (id) => (await peer.orders.get(id))?.status));

const ship = batchKills<KinesisStreamEvent, KinesisStreamBatchResponse>({
  fn: "ship",
  env,
  codeDir: process.env.SKYPORT_FAULTS_BUNDLE && join(process.env.SKYPORT_FAULTS_BUNDLE, "ship"),
  random,
  async progress(event) {
    const ids = [...new Set(orderIds(event))];
    const before = await statuses(ids);
    const toShip = ids.filter((_, i) => before[i] === "confirmed");
    return { toDo: toShip.length, done: async () => (await statuses(toShip)).filter((status) => status === "shipped").length };
  },
});
let fetchedUpTo: string | undefined;
const mapping = streamMapping({
  async fetch() {
    const records = await shipments.records(fetchedUpTo);
    fetchedUpTo = records.at(-1)?.SequenceNumber ?? fetchedUpTo;
    return records;
  },
  sequenceNumber: (record) => record.SequenceNumber!,
  invoke: (batch, last) => ship.invoke(shipments.event(batch), last),
  batchSize: BATCH_SIZE,
  maximumRetryAttempts: 10,
});

afterAll(async () => {
  await ship.stop();
  await Promise.all([relay.close(), shipments.close(), peer.close()]);
});

const shipmentId = (round: number, index: number) => `shp-${round}-${index}`;

describe(`the ship bundle under aws-lambda-ric, SIGKILLed mid stream batch, redelivered as the Kinesis mapping does (seed ${SEED})`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: every shipment applied once, only the poison records dead-lettered`, { timeout: 120_000 }, async () => {
      const orders: Order[] = ordersFor(uniqueCustomer("cus_killed_ship"), ORDERS, { status: "confirmed" });
      await Promise.all(orders.map((order) => peer.orders.create(order)));
      const records = orders.map((order, i) => shipmentRecord(order, shipmentId(round, i)));
      // The warehouse sends one shipment twice; a shipment for an order that does not exist and a record that is not JSON are poison.
      const again = records[random.int(0, ORDERS - 1)]!;
      const poison = [shipmentRecord(orderAt(new Date()), shipmentId(round, 99)), { key: "ord_garbled", data: "{not json" }];
      for (const record of [again, ...poison]) records.splice(random.int(0, records.length), 0, record);
      const sequences = await shipments.append(records);
      const poisonSequences = poison.map((record) => sequences[records.indexOf(record)]);
      const deadBefore = relay.sent(deadLetterQueue).length;

      const kills: BatchKill[] = ship.round(KILLS);
      await mapping.settle();
      console.log(`round ${round} (seed ${SEED}): kills ${JSON.stringify(kills)}`);

      expect(ship.startFailures, `seed ${SEED}`).toEqual([]);
      expect(kills, `seed ${SEED}`).toHaveLength(KILLS);
      for (const [i, order] of orders.entries()) {
        expect(await peer.orders.get(order.id), `order ${order.id} (seed ${SEED})`).toMatchObject({
          status: "shipped",
          version: 2,
          shipment: { shipmentId: shipmentId(round, i) },
        });
      }
      const deadLettered = relay
        .sent(deadLetterQueue)
        .slice(deadBefore)
        .map((message) => (JSON.parse(message.body) as { sequenceNumber: string }).sequenceNumber);
      // A kill after the poison was sent and before Lambda took the answer sends it again: at least once, never another record.
      expect(new Set(deadLettered), `seed ${SEED}`).toEqual(new Set(poisonSequences));
      expect(mapping.onFailure, `seed ${SEED}`).toEqual([]);
    });
  }
});
