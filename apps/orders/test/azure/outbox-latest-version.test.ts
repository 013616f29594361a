import type { CosmosDBv4Handler } from "@azure/functions";
import { hostInvocationContext } from "@skyport/azure-functions/testing";
import { STORED_FIELDS } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorClient, storedItemOf } from "@skyport/cosmos/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { appQueues, appSettings, loadAzureEntry } from "./app-settings.js";

/**
 * The outbox on the Cosmos DB trigger's latest-version mode, which hands on only an item's latest
 * version: here the item read back from the Cosmos DB server as stored, given to the app's outbox
 * function as the trigger would give it. A delete leaves a tombstone (the mode carries no deletes);
 * an order written again before the trigger read it is seen only past its first version.
 */
const azure = inject("azure");
const cosmos = emulatorClient({ endpoint: azure.cosmosEndpoint, key: azure.cosmosKey });
afterAll(() => cosmos.dispose());

/** The order.created messages on the app's queue, without taking them. */
async function announcements(settings: Record<string, string>) {
  const { peekedMessageItems } = await appQueues(settings).queue.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, "base64").toString()) as { type: string; orderId: string });
}

describe("the outbox on Azure, from the items the Cosmos DB trigger hands on", () => {
  it("announces an order whose first version the trigger never saw: cancelled before the feed was read", async () => {
    const settings = await appSettings();
    const outbox = (await loadAzureEntry(settings)).handlers.outbox as CosmosDBv4Handler;
    const documents = cosmosDocuments(settings, { agent: emulatorAgent() });
    const container = cosmos.database(azure.database).container("orders");
    try {
      const orders = documents.collection(ordersCollection);
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await orders.create(order);
      await orders.put({ ...order, status: "cancelled", version: 2, updatedAt: new Date().toISOString() });
      const latest = await storedItemOf(container, ordersCollection, { id: order.id });
      expect(JSON.parse(latest![STORED_FIELDS.document])).toMatchObject({ status: "cancelled", version: 2 });
      await outbox([latest], hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" }));
      expect((await announcements(settings)).map(({ type, orderId }) => ({ type, orderId }))).toEqual([{ type: "order.created", orderId: order.id }]);
    } finally {
      await documents.close();
    }
  });

  it("announces the live order at its first version, and nothing for its tombstone, which holds that same version", async () => {
    const settings = await appSettings();
    const outbox = (await loadAzureEntry(settings)).handlers.outbox as CosmosDBv4Handler;
    const documents = cosmosDocuments(settings, { agent: emulatorAgent() });
    const container = cosmos.database(azure.database).container("orders");
    const run = (item: unknown) => outbox([item], hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" }));
    try {
      const orders = documents.collection(ordersCollection);
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await orders.create(order);
      await run(await storedItemOf(container, ordersCollection, { id: order.id }));
      // Deleted at its first version (behind the HTTP API's back): the tombstone keeps version 1 in its $document.
      await orders.delete({ id: order.id });
      const tombstone = await storedItemOf(container, ordersCollection, { id: order.id });
      expect(tombstone).toMatchObject({ [STORED_FIELDS.deleted]: true, [STORED_FIELDS.document]: JSON.stringify(order), _etag: expect.any(String) });
      await run(tombstone);
      expect((await announcements(settings)).map(({ type, orderId }) => ({ type, orderId }))).toEqual([{ type: "order.created", orderId: order.id }]);
    } finally {
      await documents.close();
    }
  });
});
