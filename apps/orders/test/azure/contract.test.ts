import { hostInvocationContext, hostTimer, azureHttpTarget, azureQueueTarget } from "@skyport/azure-functions/testing";
import { httpContract, queueContract, scheduleContract } from "@skyport/core/testing";
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
  return azureQueueTarget(queue, stores.orders, { close: stores.close });
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
    tick: async () => void (await cleanup(hostTimer(), hostInvocationContext({ functionName: "orders-cleanup", triggerType: "timerTrigger" }))),
    close: stores.close,
  };
});
