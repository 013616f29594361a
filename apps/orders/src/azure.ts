import { azureCredential } from "@skyport/azure-functions";
import { collectionLocation, idempotencyCollection, MEMORY_STORE, memoryDocuments, type Env, type Platform } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { COSMOS_STORE, readCosmosSettings } from "@skyport/cosmos/settings";
import { lazyStore, orderInstance, type EntryOptions } from "./container.js";
import { ordersQueue } from "./events.js";

/** The order services on Azure: Cosmos DB, and the orders queue (a Storage queue) for the function that publishes. */
export default function azureWiring(env: Env, platform: Platform, logs: Pick<EntryOptions, "logWrite"> = {}) {
  const queue = ordersQueue(env, platform, COSMOS_STORE);
  return orderInstance({
    cloud: "azure",
    env,
    served: platform.served,
    defaultStore: COSMOS_STORE,
    stores: {
      [MEMORY_STORE]: () => memoryDocuments(),
      // Imported on first use: with SKYPORT_STORE=memory the Cosmos SDK is never loaded. It signs in with the
      // identity the queue publisher and the blob store use: one credential per instance.
      [COSMOS_STORE]: lazyStore(cosmosSettings, () =>
        import("@skyport/cosmos").then((m) => (env: Env) => m.cosmosDocuments(env, { credential: azureCredential() })),
      ),
    },
    events: (_env, logger) => queue(logger),
    // deploy/azure/main.bicep's cache=true offers Azure Managed Redis, signed in with the app's identity's Entra ID token.
    redis: () =>
      import("@skyport/redis").then(
        ({ redisCache, entraIdCredentials }) =>
          (options) =>
            redisCache({ ...options, ...(options.auth === "entra-id" && { credentials: entraIdCredentials(azureCredential()) }) }),
      ),
    redisAuths: ["password", "entra-id"],
    ...logs,
  });
}

/** The store's settings and where each collection lives (SKYPORT_COLLECTION_ORDERS, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS: containers), checked at start. */
function cosmosSettings(env: Env) {
  readCosmosSettings(env);
  for (const declaration of [ordersCollection, idempotencyCollection]) collectionLocation(env, declaration);
}
