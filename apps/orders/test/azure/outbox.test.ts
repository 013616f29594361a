import type { CosmosDBv4Handler, HttpHandler, StorageQueueHandler } from "@azure/functions";
import { azureHttpTarget, deliverThroughStorageQueue, hostInvocationContext } from "@skyport/azure-functions/testing";
import { ordersCollection } from "@skyport/core/orders";
import { emulatorClient, storedItemOf } from "@skyport/cosmos/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appQueues, appSettings, loadAzureEntry, storesOf, type AppSettings } from "./app-settings.js";

/**
 * The outbox on Azure. No Cosmos DB stand-in here serves a change feed, so the trigger's batch is
 * the order's item read back from the Cosmos DB server (the store's layout, system properties and
 * all), in the shape the Cosmos DB trigger delivers in latest-version mode; order.created goes to
 * azurite's queue.
 */
const azure = inject("azure");
const cosmos = emulatorClient({ endpoint: azure.cosmosEndpoint, key: azure.cosmosKey });
afterAll(() => cosmos.dispose());

async function outboxOn(settings: AppSettings) {
  const entry = await loadAzureEntry(settings);
  return {
    http: azureHttpTarget(entry.http as HttpHandler),
    outbox: entry.handlers.outbox as CosmosDBv4Handler,
    confirm: entry.queue as StorageQueueHandler,
  };
}

/** Runs the outbox function on a batch as the host would, and returns what it wrote to its dead-letter output. */
async function trigger(outbox: CosmosDBv4Handler, documents: unknown[]) {
  const invocation = hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" });
  const written: unknown[] = [];
  const set = invocation.extraOutputs.set.bind(invocation.extraOutputs);
  invocation.extraOutputs.set = (output, value) => {
    written.push(...(value as unknown[]));
    set(output, value);
  };
  await outbox(documents, invocation);
  return written.map((letter) => JSON.parse(letter as string) as { change: { id: string; key: string }; reason: string; attempts: number });
}

const body = JSON.stringify({ customerId: "cus_azure_outbox", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
const readBack = (id: string) => storedItemOf(cosmos.database(azure.database).container("orders"), ordersCollection, { id });

describe("the outbox on Azure: the Cosmos DB trigger's documents -> the outbox function -> the Storage queue", () => {
  let settings: AppSettings;
  beforeAll(async () => {
    settings = await appSettings();
  });

  it("publishes order.created for the committed order, and the queue function confirms it; the same documents again change nothing", async () => {
    const { http, outbox, confirm } = await outboxOn(settings);
    const created = await http.send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    const { queue } = appQueues(settings);
    expect((await queue.peekMessages()).peekedMessageItems).toEqual([]); // the HTTP function published nothing

    const document = await readBack(id);
    expect(document).toMatchObject({
      p_id: id,
      $version: expect.any(String),
      $document: expect.any(String),
      _etag: expect.any(String),
      _ts: expect.any(Number),
    });
    for (const delivery of [1, 2]) expect(await trigger(outbox, [document]), `delivery ${delivery}`).toEqual([]);
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
    const events = receivedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, "base64").toString()) as { type: string; orderId: string });
    expect(events.map(({ type, orderId }) => ({ type, orderId }))).toEqual([
      { type: "order.created", orderId: id },
      { type: "order.created", orderId: id },
    ]);
    const stores = storesOf(settings);
    try {
      const deliver = deliverThroughStorageQueue(confirm);
      // The host hands the function the message decoded from base64, as it does by default.
      const messages = receivedMessageItems.map((m) => ({ id: m.messageId, body: Buffer.from(m.messageText, "base64").toString() }));
      expect(await deliver(messages)).toEqual(Object.fromEntries(receivedMessageItems.map((m) => [m.messageId, "done"])));
      expect(await stores.orders.get(id)).toMatchObject({ status: "confirmed", version: 2 });
    } finally {
      await stores.close();
    }
  });

  it("retries a failing publish inside the invocation, then writes the change to its dead-letter queue instead of dropping it", async () => {
    // A queue that does not exist: every send fails (404), as an unreachable queue would.
    const { http, outbox } = await outboxOn({ ...settings, SKYPORT_TOPIC_ORDERS: "orders-missing" });
    const created = await http.send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
    const { id } = JSON.parse(created.body) as { id: string };
    const item = await readBack(id);
    const letters = await trigger(outbox, [item]);
    // The change as the trigger gave it: the item (the order in its $document), keyed by the item's id.
    const change = expect.objectContaining({ key: item!.id, document: expect.objectContaining({ p_id: id, $document: expect.stringContaining(id) }) });
    expect(letters).toEqual([expect.objectContaining({ change, reason: "attempts exhausted", attempts: 3 })]);
  });
});
