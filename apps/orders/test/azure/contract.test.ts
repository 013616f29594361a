import { hostInvocationContext, hostTimer, azureHttpTarget, deliverThroughStorageQueue } from "@skyport/azure-functions/testing";
import { switchableProxy } from "@skyport/core/testing";
import { hostileInputContract, hostileMessagesContract, httpContract, outageContract, queueContract, scheduleContract } from "@skyport/core/orders/testing";
import { inject } from "vitest";
import { appSettings, loadAzureEntry, storesOf } from "./app-settings.js";

/**
 * The contracts through the handlers the Azure entry registers, on the Cosmos DB server, with
 * order.created published to azurite: requests and messages built as the host builds them.
 */
httpContract("azure functions (cosmos)", async () => {
  const settings = await appSettings();
  const { http } = await loadAzureEntry(settings);
  const stores = storesOf(settings);
  return azureHttpTarget(http, { idempotency: stores.idempotency, close: stores.close });
});

queueContract("azure functions (cosmos)", async () => {
  const settings = await appSettings();
  const { queue } = await loadAzureEntry(settings);
  const stores = storesOf(settings);
  return { orders: stores.orders, deliver: deliverThroughStorageQueue(queue), close: stores.close };
});

scheduleContract("azure functions (cosmos, its own database)", async () => {
  const cleanupPageSize = 5;
  const settings = await appSettings({ SKYPORT_COSMOS_DATABASE: inject("azure").scheduleDatabase, SKYPORT_CLEANUP_PAGE_SIZE: String(cleanupPageSize) });
  const { cleanup } = await loadAzureEntry(settings);
  const stores = storesOf(settings);
  return {
    orders: stores.orders,
    retentionDays: 30,
    cleanupPageSize,
    tick: async () => void (await cleanup(hostTimer(), hostInvocationContext({ functionName: "cleanup", triggerType: "timerTrigger" }))),
    close: stores.close,
  };
});

hostileInputContract("azure functions (cosmos)", async () => {
  const settings = await appSettings();
  const { http } = await loadAzureEntry(settings);
  const stores = storesOf(settings);
  return { ...azureHttpTarget(http, { close: stores.close }), orders: stores.orders, secrets: [settings.SKYPORT_TOPIC_ORDERS!, settings.SKYPORT_COSMOS_KEY!] };
});

hostileMessagesContract("azure storage queue (cosmos)", async () => {
  const settings = await appSettings();
  const { queue } = await loadAzureEntry(settings);
  const stores = storesOf(settings);
  return { orders: stores.orders, deliver: deliverThroughStorageQueue(queue), close: stores.close };
});

outageContract("azure functions (the Cosmos DB server behind a proxy that goes away)", async () => {
  const endpoint = new URL(inject("azure").cosmosEndpoint);
  const proxy = await switchableProxy(Number(endpoint.port));
  endpoint.port = String(proxy.port);
  const settings = await appSettings({ SKYPORT_COSMOS_ENDPOINT: endpoint.origin });
  const { http, queue } = await loadAzureEntry(settings);
  const stores = storesOf(settings);
  return {
    ...azureHttpTarget(http),
    deliver: deliverThroughStorageQueue(queue),
    storeDown: () => proxy.down(),
    storeUp: () => proxy.up(),
    close: async () => {
      await stores.close();
      await proxy.close();
    },
  };
});
