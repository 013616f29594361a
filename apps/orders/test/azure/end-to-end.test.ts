// The worker's built-in module is in place before the bundle loads, as on Azure.
import { installWorkerCore } from "@skyport/azure-functions/testing/worker-core";
const worker = installWorkerCore();

import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CosmosDBv4Handler, EventGridHandler, EventHubHandler, HttpHandler, InvocationContext, StorageQueueHandler, TimerHandler } from "@azure/functions";
import { hostSettings } from "@skyport/azure-functions";
import { hostEventHubBatch, hostHttpRequest, hostInvocationContext, hostTimer, listenOnce, type SentEvent } from "@skyport/azure-functions/testing";
import { orderStoresOn, ordersCollection, type Order } from "@skyport/core/orders";
import { customerOrderCount, orderAt, shipmentRecord, uniqueCustomer } from "@skyport/core/orders/testing";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorClient, storedItemOf } from "@skyport/cosmos/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import host from "../../host.json" with { type: "json" };
import { appQueues, appSettings } from "./app-settings.js";
import { importContainer } from "./import-container.js";

/**
 * Issue 28, item 1 on Azure: the built Functions app (dist/azure/main.mjs), loaded as the worker
 * loads it, on the Cosmos DB server, its Storage queues and import container on azurite; each
 * function is invoked with what its trigger hands it. No stand-in here serves a Cosmos DB change
 * feed or Event Hubs, and azurite emits no Event Grid events: the outbox gets the order's item read
 * back from the server (as the trigger delivers it in latest-version mode), ship an Event Hubs batch
 * in the host's documented shape, import the documented BlobCreated event of the blob azurite holds.
 * The effects are read back from Cosmos DB and azurite.
 */
const azure = inject("azure");
const settings = await appSettings({ SKYPORT_COSMOS_DATABASE: azure.endToEndDatabase, SKYPORT_LOG_LEVEL: "error" });
// The app settings are in the environment while the worker loads the app, which reads them then.
const unset = Object.keys(settings).filter((name) => !(name in process.env));
Object.assign(process.env, settings);
await import(/* @vite-ignore */ pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "../../dist/azure/main.mjs")).href);
for (const name of unset) delete process.env[name];
/** What the host calls: the callback each function registered with the worker. */
const registered = <H>(name: string) => worker.registered.get(name)!.callback as H;
const api = registered<HttpHandler>("api");
const outbox = registered<CosmosDBv4Handler>("outbox");
const confirm = registered<StorageQueueHandler>("confirm");
const ship = registered<EventHubHandler>("ship");
const importer = registered<EventGridHandler>("import");
const cleanup = registered<TimerHandler>("cleanup");

const peer = orderStoresOn(cosmosDocuments(settings, { agent: emulatorAgent() }));
const cosmos = emulatorClient({ endpoint: azure.cosmosEndpoint, key: azure.cosmosKey });
const imports = await importContainer(settings.SKYPORT_STORAGE_CONNECTION_STRING!);
const queues = appQueues(settings);
afterAll(async () => {
  cosmos.dispose();
  await peer.close();
});

const request = async (method: string, path: string, body?: unknown) => {
  const invocation = hostInvocationContext({ functionName: "api", triggerType: "httpTrigger" });
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  const response = await api(hostHttpRequest({ method, path, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }), invocation);
  return { status: response.status, body: String(response.body) };
};
const orderBody = (customerId: string, sku = "SKU-1") => ({ customerId, items: [{ sku, quantity: 2, unitPrice: 1999 }], currency: "EUR" });

/** Invokes a function whose binding has a dead-letter output, and returns what it wrote there. */
async function deadLettersOf(invoke: (invocation: InvocationContext) => Promise<unknown>, invocation: InvocationContext) {
  const written: string[] = [];
  const set = invocation.extraOutputs.set.bind(invocation.extraOutputs);
  invocation.extraOutputs.set = (output, value) => {
    written.push(...(value as string[]));
    set(output, value);
  };
  await invoke(invocation);
  return written.map((letter) => JSON.parse(letter) as Record<string, unknown>);
}

/** The Cosmos DB trigger's batch for these orders: their items as the server stores them. */
const changeFeedBatch = (ids: string[]) =>
  Promise.all(ids.map((id) => storedItemOf(cosmos.database(azure.endToEndDatabase).container("orders"), ordersCollection, { id })));
const announce = async (ids: string[]) => {
  const batch = await changeFeedBatch(ids);
  const invocation = hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" });
  expect(await deadLettersOf((context) => outbox(batch, context) as Promise<unknown>, invocation)).toEqual([]);
};
/** What azurite's queue holds now, order.created messages by order id; receiving hides them for a moment. */
const peekAnnouncements = async () =>
  (await queues.queue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map(
    (message) => JSON.parse(Buffer.from(message.messageText, "base64").toString()) as { type: string; orderId: string },
  );
/** The host's queue listener, once over what azurite holds: every message handed to confirm. */
const listen = () => listenOnce(confirm, { ...queues, maxDequeueCount: hostSettings(host).maxDequeueCount });

describe("the built Azure app on the Cosmos DB server and azurite: HTTP, Cosmos DB change feed, Storage queue, Event Hubs, Event Grid, timer", () => {
  const customer = uniqueCustomer("cus_azure_e2e");
  let order: Order;

  it("api creates an order; the outbox, given its item, announces it on the Storage queue once; confirm confirms it, once", async () => {
    const created = await request("POST", "/orders", orderBody(customer));
    expect(created.status, created.body).toBe(201);
    order = JSON.parse(created.body);
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "pending", version: 1 });
    expect(await peekAnnouncements()).toEqual([]); // the HTTP function publishes nothing

    await announce([order.id]);
    expect(await peekAnnouncements()).toEqual([expect.objectContaining({ type: "order.created", orderId: order.id })]);
    expect(Object.values(await listen())).toEqual(["done"]);
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
    expect(await peekAnnouncements()).toEqual([]);
  });

  it("ship applies an Event Hubs shipment record once, delivered twice, and dead-letters a record for an unknown order", async () => {
    const record = shipmentRecord(order, "shp-azure-e2e");
    const unknown = shipmentRecord({ ...order, id: "ord_01JDAAAAAAAAAAAAAAAAAAAAAA" }, "shp-azure-unknown");
    const events: SentEvent[] = [record, unknown].map(({ key, data }) => ({ partitionKey: key, body: data }));
    const first = hostEventHubBatch(events, { firstSequence: 10 });

    const letters = await deadLettersOf((invocation) => ship(first.messages, invocation) as Promise<unknown>, first.invocation);
    expect(letters).toEqual([expect.objectContaining({ stream: "shipments", position: first.positions[1], reason: "poison" })]);
    const shipment = JSON.parse(record.data) as Record<string, unknown>;
    expect(await peer.orders.get(order.id)).toMatchObject({
      status: "shipped",
      version: 3,
      shipment: { shipmentId: shipment.shipmentId, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber },
    });

    // A checkpoint lost before the host wrote it: the same event comes again, and is not applied twice.
    const again = hostEventHubBatch([events[0]!], { firstSequence: 10 });
    expect(await deadLettersOf((invocation) => ship(again.messages, invocation) as Promise<unknown>, again.invocation)).toEqual([]);
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3 });
  });

  it("import makes a blob's orders once though Event Grid delivers its BlobCreated twice, writes its report; they are announced and confirmed", async () => {
    const importing = uniqueCustomer("cus_azure_e2e_import");
    const lines = [orderBody(importing, "SKU-A"), { customerId: importing, items: [], currency: "EUR" }, orderBody(importing, "SKU-B")];
    const name = `${importing}.jsonl`;
    const event = await imports.put(`imports/${name}`, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const invocation = () => hostInvocationContext({ functionName: "import", triggerType: "eventGridTrigger" });

    await importer(event, invocation());
    expect(JSON.parse((await imports.read(`reports/${name}.json`))!)).toMatchObject({
      object: `imports/${name}`,
      created: 2,
      replayed: 0,
      rejected: [{ line: 2 }],
    });
    await importer(event, invocation());
    expect(JSON.parse((await imports.read(`reports/${name}.json`))!)).toMatchObject({ created: 0, replayed: 2, rejected: [{ line: 2 }] });
    expect(await customerOrderCount(peer.orders, importing)).toBe(2);

    const imported = (await peer.orders.listByCustomer(importing, { limit: 10 })).items;
    await announce(imported.map((each) => each.id));
    expect((await peekAnnouncements()).map((message) => message.orderId).sort()).toEqual(imported.map((each) => each.id).sort());
    expect(Object.values(await listen())).toEqual(["done", "done"]);
    const confirmed = (await peer.orders.listByCustomer(importing, { limit: 10 })).items;
    expect(confirmed.map((each) => [each.status, each.version])).toEqual([
      ["confirmed", 2],
      ["confirmed", 2],
    ]);
  });

  it("cleanup, on its timer, deletes the cancelled order and the stale pending one, and keeps the rest", async () => {
    const created = await request("POST", "/orders", orderBody(customer, "SKU-CANCEL"));
    const cancelled = JSON.parse(created.body) as Order;
    expect((await request("PATCH", `/orders/${cancelled.id}`, { status: "cancelled" })).status).toBe(200);
    const stale = orderAt(new Date(Date.now() - 400 * 24 * 60 * 60 * 1000), { customerId: customer });
    await peer.orders.create(stale);

    await cleanup(hostTimer(), hostInvocationContext({ functionName: "cleanup", triggerType: "timerTrigger" }));
    expect(await peer.orders.get(cancelled.id)).toBeNull();
    expect(await peer.orders.get(stale.id)).toBeNull();
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3 });
    expect(await customerOrderCount(peer.orders, customer)).toBe(1);
  });
});
