import { cloudLoggingFormat, cloudLoggingMetrics } from "@skyport/gcp-functions";
import { envReader, idempotencyCollection, MEMORY_STORE, memoryDocuments, type Env, type Platform } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { FIRESTORE_STORE, readFirestoreSettings } from "@skyport/firestore/settings";
import { lazyStore, orderInstance, type EntryOptions, type StoreLoaders } from "./container.js";
import { ordersQueue } from "./events.js";

/**
 * The stores the GCP bundle carries; Firestore's SDK is imported on first use only. Its settings and
 * where each collection lives (SKYPORT_COLLECTION_ORDERS, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS) are checked at start.
 */
export const GCP_STORES: StoreLoaders = {
  [MEMORY_STORE]: () => memoryDocuments(),
  [FIRESTORE_STORE]: lazyStore(
    (env) => readFirestoreSettings(env, [ordersCollection, idempotencyCollection]),
    () => import("@skyport/firestore").then((m) => (env: Env) => m.firestoreDocuments(env)),
  ),
};

/**
 * The order services on Google Cloud: Firestore, and the orders queue (Pub/Sub) for the function
 * that publishes. Tests may give other store loaders (a Firestore client with a short deadline).
 */
export default function gcpWiring(env: Env, platform: Platform, options: Partial<Pick<EntryOptions, "logWrite" | "stores">> = {}) {
  const queue = ordersQueue(env, platform, FIRESTORE_STORE);
  return orderInstance({
    cloud: "gcp",
    env,
    served: platform.served,
    defaultStore: FIRESTORE_STORE,
    stores: options.stores ?? GCP_STORES,
    events: (_env, logger) => queue(logger),
    logFormat: cloudLoggingFormat(envReader(env).optional("GOOGLE_CLOUD_PROJECT")),
    logWrite: options.logWrite,
    metrics: (write) => cloudLoggingMetrics("orders", write),
    // deploy/gcp/deploy.sh --cache-secret offers Memorystore.
    redis: () => import("@skyport/redis").then((m) => m.redisCache),
  });
}
