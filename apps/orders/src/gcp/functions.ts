import { envReader, memoryStores, type Env } from "@skyport/core";
import { PubSubEventPublisher, cloudLoggingFormat, gcpFunctionOptions, pubSubPublisherConfig, registerGcpFunctions } from "@skyport/gcp-functions";
import { lazyOrderService, type EntryOptions, type StoreLoaders } from "../container.js";
import { UnpublishedEvents, queueSettings } from "../events.js";

/** The names `gcloud functions deploy --entry-point` uses. */
export const FUNCTION_NAMES = { http: "orders", queue: "ordersQueue", cleanup: "ordersCleanup" } as const;

/** The stores the GCP bundle carries; Firestore's SDK is imported on first use only. */
export const GCP_STORES: StoreLoaders = {
  memory: memoryStores,
  firestore: (env) => import("@skyport/firestore").then((m) => m.firestoreStores(env)),
};

/**
 * Registers the three functions with the functions framework: configuration is read now (a bad
 * value fails the load, naming the variable) and the service is built on the first invocation.
 * SKYPORT_PUBSUB_TOPIC is required with Firestore; the memory store may go without. Tests may
 * give other store loaders (a Firestore client with a short deadline).
 */
export function registerOrderFunctions(env: Env, options: Partial<Pick<EntryOptions, "logWrite" | "stores">> = {}) {
  const topic = queueSettings(env, "firestore", "SKYPORT_PUBSUB_TOPIC", pubSubPublisherConfig);
  const instance = lazyOrderService({
    cloud: "gcp",
    env,
    defaultStore: "firestore",
    stores: options.stores ?? GCP_STORES,
    events: (_env, logger) => (topic ? new PubSubEventPublisher(topic) : new UnpublishedEvents(logger)),
    logFormat: cloudLoggingFormat(envReader(env).optional("GOOGLE_CLOUD_PROJECT")),
    logWrite: options.logWrite,
  });
  registerGcpFunctions(FUNCTION_NAMES, instance.service, gcpFunctionOptions(env, instance.logger));
  return instance;
}
