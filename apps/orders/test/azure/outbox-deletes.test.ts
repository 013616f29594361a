import type { CosmosDBv4Handler } from "@azure/functions";
import { hostInvocationContext } from "@skyport/azure-functions/testing";
import { ordersCollection, STORED_FIELDS } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorClient, storedItemOf } from "@skyport/cosmos/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { appQueues, appSettings, loadAzureEntry } from "./app-settings.js";

/**
 * A delete on Azure: the Cosmos store leaves a tombstone, which the Cosmos DB trigger (latest-version
 * mode, no deletes) hands on as the item's latest version. Here it is the item read back from the
 * Cosmos DB server as stored, given to the app's outbox function as the trigger would give it.
 */
const azure = inject("azure");
const cosmos = emulatorClient({ endpoint: azure.cosmosEndpoint, key: azure.cosmosKey });
afterAll(() => cosmos.dispose());

describe("a deleted order on Azure: its tombstone reaches the changes function as a delete", () => {
  it("announces the live order at its first version, and nothing for its tombstone, which holds that same version", async () => {
    const settings = await appSettings();
    const outbox = (await loadAzureEntry(settings)).handlers.outbox as CosmosDBv4Handler;
    const documents = cosmosDocuments(settings, { agent: emulatorAgent() });
    const container = cosmos.database(azure.database).container("orders");
    const { queue } = appQueues(settings);
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
      const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
      const events = peekedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, "base64").toString()) as { type: string; orderId: string });
      expect(events.map(({ type, orderId }) => ({ type, orderId }))).toEqual([{ type: "order.created", orderId: order.id }]);
    } finally {
      await documents.close();
    }
  });
});
