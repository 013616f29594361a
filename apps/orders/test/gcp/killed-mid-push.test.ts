import { PubSub } from "@google-cloud/pubsub";
import { orderStoresOn, type Order, type Stores } from "@skyport/core";
import { orderAt, shipmentRecord, uniqueCustomer } from "@skyport/core/testing";
import { firestoreDocuments } from "@skyport/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventarcRelay } from "./eventarc-relay.js";
import { runBundle } from "./framework-cli.js";
import { functionEnv, uniqueProject } from "./function-env.js";
import { instanceFront } from "./instance-front.js";
import { campaignSeed, seededRandom } from "../../../../scripts/faults/seeded-random.js";
import { killDuringPushes } from "./push-killer.js";
import { deadLetters, shipmentStream } from "./shipment-stream.js";

/**
 * Issue 28, item 2 on Google Cloud: the functions framework SIGKILLed in the middle of a push. The
 * built confirm bundle takes order.created as Eventarc pushes it from the Pub/Sub emulator, the
 * ship bundle takes shipment records as the emulator's ordered push subscription pushes them; each
 * is killed at seeded moments while it holds pushes it has not answered, a new instance starts,
 * and what was never acknowledged is delivered again by the emulator. Then the history: every
 * order confirmed once (version 2) or shipped once (version 3), and only poison on the dead-letter
 * topic. The seed is printed: SKYPORT_FAULTS_SEED=<seed> replays the same kill moments (the
 * interleaving with the emulators' timing may still differ); SKYPORT_FAULTS_KILLS sets the kills.
 */
const SEED = campaignSeed();
const KILLS = Number(process.env.SKYPORT_FAULTS_KILLS || 3);
/** About as long as a push takes on the emulator: a kill lands anywhere in it. */
const MAX_KILL_DELAY_MS = 60;
/** A bound on the load, far above what the kills need. */
const MAX_RECORDS = 100 + 50 * KILLS;
/** Each kill costs a restart of the framework (about 2 s here), and the redeliveries after it. */
const CAMPAIGN_TIMEOUT_MS = 120_000 + 5_000 * KILLS;

const projectId = uniqueProject("killed");
let confirm: Awaited<ReturnType<typeof runBundle>>;
let ship: Awaited<ReturnType<typeof runBundle>>;
let fronts: { confirm: Awaited<ReturnType<typeof instanceFront>>; ship: Awaited<ReturnType<typeof instanceFront>> };
let relay: Awaited<ReturnType<typeof eventarcRelay>>;
let shipments: Awaited<ReturnType<typeof shipmentStream>>;
let dead: Awaited<ReturnType<typeof deadLetters>>;
let publisher: PubSub;
let topic: string;
let stores: Stores;

beforeAll(async () => {
  console.log(`killed mid-push: seed ${SEED}, ${KILLS} kills per function (replay: SKYPORT_FAULTS_SEED=${SEED})`);
  const base = await functionEnv(projectId);
  topic = base.SKYPORT_TOPIC_ORDERS!;
  dead = await deadLetters(projectId);
  // Warnings too: a failure after a kill says why its message was not acknowledged.
  const env = { ...process.env, ...base, SKYPORT_STREAM_DEAD_LETTERS: dead.topic, SKYPORT_LOG_LEVEL: "warn" };
  [confirm, ship] = await Promise.all([runBundle("confirm", env), runBundle("ship", env)]);
  const [confirmFront, shipFront] = await Promise.all([instanceFront(confirm.socketPath), instanceFront(ship.socketPath)]);
  fronts = { confirm: confirmFront, ship: shipFront };
  // Eventarc's trigger subscription as deploy.sh sets it: five attempts, then the dead-letter topic.
  relay = await eventarcRelay(projectId, topic, fronts.confirm.url, "binary", { deadLetterTopic: dead.topic, maxDeliveryAttempts: 5, retryDelayMs: 100 });
  shipments = await shipmentStream(projectId, fronts.ship.url, dead.topic);
  publisher = new PubSub({ projectId });
  stores = orderStoresOn(firestoreDocuments(env));
}, 180_000);

afterAll(async () => {
  await Promise.all([relay?.close(), shipments?.close(), dead?.close(), publisher?.close()]);
  await Promise.all([fronts?.confirm.close(), fronts?.ship.close()]);
  await Promise.all([confirm?.stop(), ship?.stop()]);
  await stores?.close();
}, 60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (what: string, done: () => boolean, timeoutMs = 60_000) => {
  for (const deadline = Date.now() + timeoutMs; !done(); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (seed ${SEED})`);
  }
};
/** The pushed message ids the function answered with a 2xx. */
const acknowledged = (front: Awaited<ReturnType<typeof instanceFront>>, messageIdOf: (body: unknown) => string) =>
  new Set(front.exchanges().flatMap((exchange) => (exchange.status! < 300 ? [messageIdOf(JSON.parse(exchange.body))] : [])));
const unique = (bodies: string[]) => [...new Set(bodies)].sort();

describe(`the functions framework killed mid-push, redelivered as Pub/Sub does (seed ${SEED})`, () => {
  it(
    "confirm: every order confirmed once, nothing dead-lettered but the poison message",
    async () => {
      const { next: random } = seededRandom(SEED);
      const killer = killDuringPushes(confirm, fronts.confirm, { random, kills: KILLS, maxDelayMs: MAX_KILL_DELAY_MS });
      const orders: Order[] = [];
      const announce = (orderId: string) =>
        publisher.topic(topic).publishMessage({ data: Buffer.from(JSON.stringify({ type: "order.created", orderId })), attributes: { type: "order.created" } });
      let published = 0;
      // Orders keep coming, as the outbox announces them, until every kill was made; some are announced twice (at least once).
      while (!killer.done() && orders.length < MAX_RECORDS) {
        const order = orderAt(new Date(), { customerId: uniqueCustomer() });
        await stores.orders.create(order);
        orders.push(order);
        const times = random() < 0.25 ? 2 : 1;
        for (let i = 0; i < times; i++) await announce(order.id);
        published += times;
        await sleep(10);
      }
      const poison = JSON.stringify({ type: "order.created", orderId: "not an order id" });
      await publisher.topic(topic).publishMessage({ data: Buffer.from(poison) });
      await killer.stop();
      console.log(`confirm (seed ${SEED}): ${orders.length} orders, ${published} messages, kills ${JSON.stringify(killer.kills())}`);

      expect(killer.kills()).toHaveLength(KILLS);
      for (const kill of killer.kills()) expect(kill.inFlight).toBeGreaterThan(0);
      await relay.settled(published, 90_000).catch((error: Error) => {
        throw new Error(`${error.message} (seed ${SEED}); the instances' last lines:\n${confirm.output().slice(-3000)}`);
      });
      for (const order of orders)
        expect(await stores.orders.get(order.id), `order ${order.id} (seed ${SEED})`).toMatchObject({ status: "confirmed", version: 2 });
      await waitFor("the poison message dead-lettered", () => dead.bodies().includes(poison));
      expect(unique(dead.bodies())).toEqual([poison]);
    },
    CAMPAIGN_TIMEOUT_MS,
  );

  it(
    "ship: every shipment applied once, nothing dead-lettered but the poison record",
    async () => {
      const { next: random } = seededRandom(SEED + 1);
      const killer = killDuringPushes(ship, fronts.ship, { random, kills: KILLS, maxDelayMs: MAX_KILL_DELAY_MS });
      const before = unique(dead.bodies());
      const orders: Order[] = [];
      const messageIds: string[] = [];
      // Confirmed orders keep being dispatched until every kill was made; some records come twice, under the order's key.
      while (!killer.done() && orders.length < MAX_RECORDS) {
        const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "confirmed", version: 2 });
        await stores.orders.create(order);
        orders.push(order);
        const { data } = shipmentRecord(order, `shp-${orders.length}`);
        const times = random() < 0.25 ? 2 : 1;
        for (let i = 0; i < times; i++) messageIds.push(await shipments.publish(order.id, data));
        await sleep(10);
      }
      const poison = JSON.stringify({ type: "shipment.dispatched", orderId: orders[0]!.id, shipmentId: "" });
      messageIds.push(await shipments.publish(uniqueCustomer("key"), poison));
      await killer.stop();
      console.log(`ship (seed ${SEED}): ${orders.length} orders, ${messageIds.length} records, kills ${JSON.stringify(killer.kills())}`);

      expect(killer.kills()).toHaveLength(KILLS);
      for (const kill of killer.kills()) expect(kill.inFlight).toBeGreaterThan(0);
      const messageIdOf = (body: unknown) => (body as { message: { messageId: string } }).message.messageId;
      await waitFor(
        "every record acknowledged",
        () => {
          const done = acknowledged(fronts.ship, messageIdOf);
          return messageIds.every((id) => done.has(id));
        },
        90_000,
      );
      for (const [i, order] of orders.entries()) {
        expect(await stores.orders.get(order.id), `order ${order.id} (seed ${SEED})`).toMatchObject({
          status: "shipped",
          version: 3,
          shipment: { shipmentId: `shp-${i + 1}` },
        });
      }
      expect(unique(dead.bodies()).filter((body) => !before.includes(body))).toEqual([poison]);
    },
    CAMPAIGN_TIMEOUT_MS,
  );
});
