import type { Env } from "@skyport/core";
import { orderStoresOn, type Stores } from "@skyport/core/orders";
import { customerOrderCount, importFile, orderAt, shipmentRecord, uniqueCustomer } from "@skyport/core/orders/testing";
import { firestoreDocuments } from "@skyport/firestore";
import { schedulerHeaders, startGcsStandIn, type GcsStandIn } from "@skyport/gcp-functions/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app, { import as importFunction } from "../../src/app.js";
import { cleanupEvidence } from "../cleanup-evidence.js";
import { eventarcRelay } from "./eventarc-relay.js";
import { runBundle } from "./framework-cli.js";
import { firestoreTrigger, functionEnv, uniqueProject } from "./function-env.js";
import { instanceFront } from "./instance-front.js";
import { deadLetters, shipmentStream } from "./shipment-stream.js";
import { uploadObject } from "./storage-upload.js";

/**
 * Issue 28, item 1 on Google Cloud: each function's built bundle (dist/gcp/<function>) under the
 * functions framework's CLI, one process each, SKYPORT_STORE=firestore on the Firestore emulator.
 * What calls them is what calls them on Google Cloud, played by the emulators where one exists:
 * the Firestore emulator delivers each order document's written event to the outbox (Eventarc's
 * Firestore trigger), the outbox publishes to the Pub/Sub emulator, whose message is pushed to
 * confirm as Eventarc's Pub/Sub trigger does, and the emulator's own ordered push subscription
 * carries the shipments stream to ship. Cloud Storage has no emulator here: the import's bucket is
 * the adapter's JSON API stand-in and its object.finalized event is built in the documented shape.
 * Every effect is read back from Firestore.
 */
type GcpFunction = keyof typeof app.functions;
const BUCKET = importFunction.trigger.bucket;
const JSON_HEADERS = { "content-type": "application/json" };

const projectId = uniqueProject("e2e");
let bundles: Record<GcpFunction, Awaited<ReturnType<typeof runBundle>>>;
let fronts: Record<"outbox" | "confirm" | "ship", Awaited<ReturnType<typeof instanceFront>>>;
let relay: Awaited<ReturnType<typeof eventarcRelay>>;
let shipments: Awaited<ReturnType<typeof shipmentStream>>;
let dead: Awaited<ReturnType<typeof deadLetters>>;
let gcs: GcsStandIn;
let stores: Stores;
/** What every function process runs with. */
let env: Env;

beforeAll(async () => {
  const base = await functionEnv(projectId);
  dead = await deadLetters(projectId);
  gcs = await startGcsStandIn();
  env = { ...process.env, ...base, SKYPORT_STREAM_DEAD_LETTERS: dead.topic, STORAGE_EMULATOR_HOST: gcs.url };
  const names = Object.keys(app.functions) as GcpFunction[];
  const started = await Promise.all(names.map((fn) => runBundle(fn, env)));
  bundles = Object.fromEntries(names.map((fn, i) => [fn, started[i]!])) as typeof bundles;
  const [outbox, confirm, ship] = await Promise.all([
    instanceFront(bundles.outbox.socketPath),
    instanceFront(bundles.confirm.socketPath),
    instanceFront(bundles.ship.socketPath),
  ]);
  fronts = { outbox: outbox!, confirm: confirm!, ship: ship! };
  await firestoreTrigger(projectId, "outbox", fronts.outbox.url);
  relay = await eventarcRelay(projectId, base.SKYPORT_TOPIC_ORDERS!, fronts.confirm.url);
  shipments = await shipmentStream(projectId, fronts.ship.url, dead.topic);
  stores = orderStoresOn(firestoreDocuments(env));
}, 180_000);

afterAll(async () => {
  await Promise.all([relay?.close(), shipments?.close(), dead?.close()]);
  await Promise.all(Object.values(fronts ?? {}).map((front) => front.close()));
  await Promise.all(Object.values(bundles ?? {}).map((bundle) => bundle.stop()));
  await Promise.all([stores?.close(), gcs?.close()]);
}, 60_000);

const waitFor = async <T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
};

const postOrder = async (customerId = uniqueCustomer()) => {
  const body = JSON.stringify({ customerId, items: [{ sku: "A", quantity: 2, unitPrice: 150 }], currency: "EUR" });
  const created = await bundles.api.send({ method: "POST", path: "/orders", headers: JSON_HEADERS, body });
  expect(created.status, `${created.body}\n${bundles.api.output().slice(-2000)}`).toBe(201);
  return (JSON.parse(created.body) as { id: string }).id;
};
const statusOf = async (id: string) => (await stores.orders.get(id))?.status;
const confirmedOrder = async () => {
  const id = await postOrder();
  await waitFor(`order ${id} confirmed`, async () => ((await statusOf(id)) === "confirmed" ? true : undefined));
  return (await stores.orders.get(id))!;
};
/** True once the ship function answered the push of this message with a 2xx. */
const shipAcknowledged = (messageId: string) =>
  fronts.ship
    .exchanges()
    .some((exchange) => (JSON.parse(exchange.body) as { message: { messageId: string } }).message.messageId === messageId && exchange.status! < 300)
    ? true
    : undefined;

describe("every Google Cloud bundle end to end on the Firestore and Pub/Sub emulators", () => {
  it("api -> Firestore -> outbox -> Pub/Sub -> confirm: an order POSTed to the api is announced once and confirmed once", async () => {
    const id = await postOrder();
    expect(await stores.orders.get(id)).not.toBeNull();
    await waitFor(`order ${id} confirmed`, async () => ((await statusOf(id)) === "confirmed" ? true : undefined));
    await relay.settled(relay.pushed().length);
    expect(await stores.orders.get(id)).toMatchObject({ status: "confirmed", version: 2 });
    // The outbox had the emulator's own event of the document, and what it published is what confirm was pushed.
    expect(fronts.outbox.exchanges().filter((exchange) => exchange.status === 204).length).toBeGreaterThan(0);
    expect(relay.pushed().map((data) => JSON.parse(data))).toContainEqual({ type: "order.created", orderId: id });
  });

  it("ship: a record pushed in order by the emulator's subscription ships the order once; its duplicate changes nothing; poison is dead-lettered", async () => {
    const order = await confirmedOrder();
    const record = shipmentRecord(order, "shp-e2e-1");
    const poison = JSON.stringify({ type: "shipment.dispatched", orderId: order.id, shipmentId: "" });
    // The warehouse sends the record twice (at-least-once), then a record no retry can fix, all under the order's key.
    const ids = [await shipments.publish(order.id, record.data), await shipments.publish(order.id, record.data), await shipments.publish(order.id, poison)];
    for (const id of ids) await waitFor(`message ${id} acknowledged by ship`, () => shipAcknowledged(id));
    expect(await stores.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3, shipment: { shipmentId: "shp-e2e-1", carrier: "DHL Express" } });
    await waitFor("the poison record on the dead-letter topic", () => (dead.bodies().length > 0 ? true : undefined));
    expect(dead.bodies()).toEqual([poison]);
  });

  it("import: a file uploaded under imports/ becomes its orders once, with their report, all confirmed; the event again creates nothing", async () => {
    const customerId = uniqueCustomer();
    const file = `orders-${customerId}.jsonl`;
    const { content, invalid } = importFile(customerId, 20);
    const event = await uploadObject(gcs, BUCKET, `imports/${file}`, content);
    const report = () => JSON.parse(gcs.objects.get(`${BUCKET}/reports/${file}.json`)?.toString("utf8") ?? "null");

    const first = await bundles.import.send({ method: "POST", path: "/", ...event });
    expect(first.status, bundles.import.output().slice(-2000)).toBe(204);
    expect(report()).toMatchObject({ object: `imports/${file}`, created: 19, replayed: 0, rejected: [{ line: [...invalid.keys()][0] }] });
    expect(await customerOrderCount(stores.orders, customerId)).toBe(19);

    // Eventarc delivers at least once: the same event again.
    expect((await bundles.import.send({ method: "POST", path: "/", ...event })).status).toBe(204);
    expect(report()).toMatchObject({ created: 0, replayed: 19 });
    expect(await customerOrderCount(stores.orders, customerId)).toBe(19);

    const imported = async () => (await stores.orders.listByCustomer(customerId, { limit: 100 })).items;
    await waitFor("every imported order confirmed", async () => ((await imported()).every((order) => order.status === "confirmed") ? true : undefined));
    expect((await imported()).map((order) => order.version)).toEqual(Array(19).fill(2));
  });

  it("cleanup: Cloud Scheduler's POST deletes the cancelled orders and keeps the others", async () => {
    const kept = await confirmedOrder();
    const cancelled = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled", version: 2 });
    await stores.orders.create(cancelled);
    // The outbox announces this write too; confirm leaves an order past pending as it is, so only the cleanup changes it.
    const evidence = await cleanupEvidence(stores.orders, env, { cancelled: cancelled.id, kept: kept.id });
    const response = await bundles.cleanup.send({ method: "POST", path: "/", headers: schedulerHeaders() });
    expect(response.status, `${response.body}\n${bundles.cleanup.output().slice(-2000)}`).toBe(200);
    const report = JSON.parse(response.body) as unknown;
    expect(report, await evidence.after(report)).toEqual({ deleted: 1, skipped: 0 });
    expect(await stores.orders.get(cancelled.id)).toBeNull();
    expect(await stores.orders.get(kept.id)).toMatchObject({ status: "confirmed", version: 2 });
  });
});
