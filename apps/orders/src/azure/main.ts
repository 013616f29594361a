import { memoryStores } from "@skyport/core";
import { azureHandlers, readStorageQueueConfig, registerAzureFunctions, storageQueuePublisher } from "@skyport/azure-functions";
import { readCosmosSettings } from "@skyport/cosmos/settings";
import { TOKENS, lazyOrderService, lazyStore } from "../container.js";
import { UnpublishedEvents, queueSettings } from "../events.js";
import { HOST_SETTINGS } from "./host-settings.js";

/**
 * The Azure Functions app: configuration is read as the worker loads this module (a bad value
 * fails the load, naming the variable), the service is built on the first invocation, and the
 * three handlers are both registered with the host and exported (for tests, where there is no host).
 */
const env = { ...process.env }; // app settings, as they were when the worker loaded the app
const queueConfig = queueSettings(env, "cosmos", "SKYPORT_QUEUE_NAME", readStorageQueueConfig);
const instance = lazyOrderService({
  cloud: "azure",
  env,
  defaultStore: "cosmos",
  stores: {
    memory: memoryStores,
    // Imported on first use: with SKYPORT_STORE=memory the Cosmos SDK is never loaded.
    cosmos: lazyStore(readCosmosSettings, () => import("@skyport/cosmos").then((m) => m.cosmosStores)),
  },
  events: (_env, logger) => (queueConfig ? storageQueuePublisher(queueConfig) : new UnpublishedEvents(logger)),
});

const handlers = azureHandlers(instance.service, { logLevel: instance.container.get(TOKENS.config).logLevel, ...HOST_SETTINGS });
registerAzureFunctions(handlers);

export const { http, queue, cleanup } = handlers;
