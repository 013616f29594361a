import { PubSub } from "@google-cloud/pubsub";
import { orderStoresOn, type Order, type Stores } from "@skyport/core/orders";
import { orderAt, shipmentRecord, uniqueCustomer } from "@skyport/core/orders/testing";
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
 * interleaving with the emulators' timing may still differ). SKYPORT_FAULTS_KILLS kills in all,
 * half on each function (6 in npm test; npm run test:faults runs 200), in rounds of
 * KILLS_PER_ROUND, each with its own orders, settled before the next.
 */
const SEED = campaignSeed();
/**
 * Kills per round: below the subscriptions' five delivery attempts. A new instance gets the pushes
 * its predecessor failed first, so a kill soon after it starts fails them again: ten kills in a row
 * failed the same messages five times, and kills alone had them dead-lettered (Eventarc's) or, on
 * the ordered subscription, stopped the emulator's pushes (see shipment-stream.ts).
 */
const KILLS_PER_ROUND = 3;
/** The subscriptions' dead-letter policy, as deploy.sh sets it. */
const MAX_DELIVERY_ATTEMPTS = 5;
const ROUNDS = Math.ceil(Number(process.env.SKYPORT_FAULTS_KILLS || 6) / 2 / KILLS_PER_ROUND);
/** About as long as a push takes on the emulator: a kill lands anywhere in it. */
const MAX_KILL_DELAY_MS = 60;
/** A bound on a round's load, far above what its kills need; past it the round waits for its kills on the backlog. */
const MAX_RECORDS = 250;
/** A round's kills cost a restart of the framework each (about 2 s here), and the redeliveries after them. */
const ROUND_TIMEOUT_MS = 180_000;

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
  console.log(`killed mid-push: seed ${SEED}, ${ROUNDS} rounds of ${KILLS_PER_ROUND} kills per function (replay: SKYPORT_FAULTS_SEED=${SEED})`);
  const base = await functionEnv(projectId);
  topic = base.SKYPORT_TOPIC_ORDERS!;
  dead = await deadLetters(projectId);
  // Warnings too: a failure after a kill says why its message was not acknowledged.
  const env = { ...process.env, ...base, SKYPORT_STREAM_DEAD_LETTERS: dead.topic, SKYPORT_LOG_LEVEL: "warn" };
  [confirm, ship] = await Promise.all([runBundle("confirm", env), runBundle("ship", env)]);
  const [confirmFront, shipFront] = await Promise.all([instanceFront(confirm.socketPath), instanceFront(ship.socketPath)]);
  fronts = { confirm: confirmFront, ship: shipFront };
  // Eventarc's trigger subscription as deploy.sh sets it: five attempts, then the dead-letter topic.
  relay = await eventarcRelay(projectId, topic, fronts.confirm.url, "binary", {
    deadLetterTopic: dead.topic,
    maxDeliveryAttempts: MAX_DELIVERY_ATTEMPTS,
    retryDelayMs: 100,
  });
  shipments = await shipmentStream(projectId, fronts.ship.url, dead.topic, MAX_DELIVERY_ATTEMPTS);
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
type Front = Awaited<ReturnType<typeof instanceFront>>;
const messageIdOf = (body: string) => (JSON.parse(body) as { message: { messageId: string } }).message.messageId;
/** The pushed message ids the function answered with a 2xx. */
const acknowledged = (front: Front) => new Set(front.exchanges().flatMap((exchange) => (exchange.status! < 300 ? [messageIdOf(exchange.body)] : [])));
/** The records pushed `attempts` times or more and never acknowledged: their delivery attempts are used up. */
const exhausted = (front: Front, attempts: number) => {
  const done = acknowledged(front);
  const failures = new Map<string, number>();
  for (const exchange of front.exchanges()) {
    const id = messageIdOf(exchange.body);
    if (exchange.status !== undefined && !done.has(id)) failures.set(id, (failures.get(id) ?? 0) + 1);
  }
  return [...failures].filter(([, count]) => count >= attempts).map(([id]) => id);
};
type Bundle = Awaited<ReturnType<typeof runBundle>>;
/** No instance of the function ended but by the test's kills: a crash of its own is a defect. */
const noCrash = (bundle: Bundle) => expect(bundle.crashes(), `instances that ended by themselves (seed ${SEED})`).toEqual([]);
/** Waits until the round's kills were made (the backlog's pushes arm them), then stops the killer. */
async function finishKills(bundle: Bundle, killer: ReturnType<typeof killDuringPushes>, what: string) {
  await waitFor(`${what}: ${KILLS_PER_ROUND} kills while the backlog is pushed`, () => killer.done() || bundle.crashes().length > 0, 60_000).finally(() =>
    killer.stop(),
  );
  noCrash(bundle);
  expect(killer.kills(), `seed ${SEED}`).toHaveLength(KILLS_PER_ROUND);
  for (const kill of killer.kills()) expect(kill.inFlight).toBeGreaterThan(0);
}
const unique = (bodies: string[]) => [...new Set(bodies)].sort();
const confirmRandom = seededRandom(SEED).next;
const shipRandom = seededRandom(SEED + 1).next;

describe(`the functions framework killed mid-push, redelivered as Pub/Sub does (seed ${SEED})`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`confirm, round ${round}: every order confirmed once, nothing dead-lettered but the poison message`, { timeout: ROUND_TIMEOUT_MS }, async () => {
      const deadBefore = dead.bodies().length;
      const killer = killDuringPushes(confirm, fronts.confirm, { random: confirmRandom, kills: KILLS_PER_ROUND, maxDelayMs: MAX_KILL_DELAY_MS });
      const orders: Order[] = [];
      const messageIds: string[] = [];
      const announce = (orderId: string) =>
        publisher.topic(topic).publishMessage({ data: Buffer.from(JSON.stringify({ type: "order.created", orderId })), attributes: { type: "order.created" } });
      // Orders keep coming, as the outbox announces them, until every kill was made; some are announced twice (at least once).
      while (!killer.done() && orders.length < MAX_RECORDS) {
        const order = orderAt(new Date(), { customerId: uniqueCustomer() });
        await stores.orders.create(order);
        orders.push(order);
        const times = confirmRandom() < 0.25 ? 2 : 1;
        for (let i = 0; i < times; i++) messageIds.push(await announce(order.id));
        await sleep(10);
      }
      const poison = JSON.stringify({ type: "order.created", orderId: `not an order id (round ${round})` });
      messageIds.push(await publisher.topic(topic).publishMessage({ data: Buffer.from(poison) }));
      await finishKills(confirm, killer, "confirm");
      console.log(`confirm, round ${round} (seed ${SEED}): ${orders.length} orders, ${messageIds.length} messages, kills ${JSON.stringify(killer.kills())}`);

      const orderMessages = messageIds.slice(0, -1);
      await relay.settled(orderMessages, 90_000).catch((error: Error) => {
        throw new Error(`${error.message} (seed ${SEED}); crashes: ${confirm.crashes().length}; the instances' last lines:\n${confirm.output().slice(-3000)}`);
      });
      for (const order of orders)
        expect(await stores.orders.get(order.id), `order ${order.id} (seed ${SEED})`).toMatchObject({ status: "confirmed", version: 2 });
      await waitFor("the poison message dead-lettered", () => dead.bodies().includes(poison));
      expect(unique(dead.bodies().slice(deadBefore)), `seed ${SEED}`).toEqual([poison]);
      noCrash(confirm);
    });
  }

  for (let round = 1; round <= ROUNDS; round++) {
    it(`ship, round ${round}: every shipment applied once, nothing dead-lettered but the poison record`, { timeout: ROUND_TIMEOUT_MS }, async () => {
      const deadBefore = dead.bodies().length;
      const killer = killDuringPushes(ship, fronts.ship, { random: shipRandom, kills: KILLS_PER_ROUND, maxDelayMs: MAX_KILL_DELAY_MS });
      const orders: Order[] = [];
      const messageIds: string[] = [];
      // Confirmed orders keep being dispatched until every kill was made; some records come twice, under the order's key.
      while (!killer.done() && orders.length < MAX_RECORDS) {
        const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "confirmed", version: 2 });
        await stores.orders.create(order);
        orders.push(order);
        const { data } = shipmentRecord(order, `shp-${round}-${orders.length}`);
        const times = shipRandom() < 0.25 ? 2 : 1;
        for (let i = 0; i < times; i++) messageIds.push(await shipments.publish(order.id, data));
        await sleep(10);
      }
      const poison = JSON.stringify({ type: "shipment.dispatched", orderId: orders[0]!.id, shipmentId: "" });
      messageIds.push(await shipments.publish(uniqueCustomer("key"), poison));
      await finishKills(ship, killer, "ship");
      console.log(`ship, round ${round} (seed ${SEED}): ${orders.length} orders, ${messageIds.length} records, kills ${JSON.stringify(killer.kills())}`);

      await waitFor(
        "every record acknowledged",
        () => {
          const done = acknowledged(fronts.ship);
          return messageIds.every((id) => done.has(id));
        },
        90_000,
      ).catch((error: Error) => {
        const used = exhausted(fronts.ship, MAX_DELIVERY_ATTEMPTS);
        throw used.length > 0
          ? new Error(
              `${error.message}: records ${used.join(", ")} failed ${MAX_DELIVERY_ATTEMPTS} pushes, ` +
                "and the emulator pushes nothing more on an ordered subscription then",
            )
          : error;
      });
      for (const [i, order] of orders.entries()) {
        expect(await stores.orders.get(order.id), `order ${order.id} (seed ${SEED})`).toMatchObject({
          status: "shipped",
          version: 3,
          shipment: { shipmentId: `shp-${round}-${i + 1}` },
        });
      }
      await waitFor("the poison record dead-lettered", () => dead.bodies().includes(poison));
      expect(unique(dead.bodies().slice(deadBefore)), `seed ${SEED}`).toEqual([poison]);
      noCrash(ship);
    });
  }
});
