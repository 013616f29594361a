import type { Agent } from "node:https";
import { CosmosClient, type CosmosClientOptions } from "@azure/cosmos";
import { ScannedChangeFeed, type Env, type Stores } from "@skyport/core";
import { IDEMPOTENCY_CONTAINER, ORDERS_CONTAINER } from "./containers.js";
import { readCosmosSettings } from "./settings.js";
import { CosmosIdempotencyStore } from "./idempotency-store.js";
import { CosmosOrderStore } from "./order-store.js";
import { scannedContainers } from "./scanned-containers.js";

export interface CosmosStoreOptions {
  /** For tests against the local server, whose certificate is self-signed. */
  agent?: Agent;
  /** Who the client signs in as where SKYPORT_COSMOS_KEY is unset: in Azure, the app's managed identity (the runtime's shared credential). */
  credential?: CosmosClientOptions["aadCredentials"];
}

// A request that cannot be served in this time is better answered 503 than left to the platform's timeout.
const CONNECTION_POLICY: CosmosClientOptions["connectionPolicy"] = {
  requestTimeout: 10_000,
  retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 5 },
};

/**
 * Both stores on one client. In the cloud it signs in with the credential it is given (the app's
 * managed identity, shared with the runtime's other clients); SKYPORT_COSMOS_KEY exists only for the local server.
 */
export function cosmosStores(env: Env, options: CosmosStoreOptions = {}): Stores {
  const { endpoint, databaseId, key } = readCosmosSettings(env);

  const client = new CosmosClient({
    endpoint,
    ...(key === undefined ? { aadCredentials: credentialFor(options) } : { key }),
    ...(options.agent ? { agent: options.agent } : {}),
    // A local emulator (the only place a key is used) advertises addresses behind port mappings
    // and proxies that the client cannot reach: talk to the endpoint as configured.
    connectionPolicy: key === undefined ? CONNECTION_POLICY : { ...CONNECTION_POLICY, enableEndpointDiscovery: false },
  });
  const database = client.database(databaseId);
  return {
    orders: new CosmosOrderStore(database.container(ORDERS_CONTAINER.id)),
    idempotency: new CosmosIdempotencyStore(database.container(IDEMPOTENCY_CONTAINER.id)),
    // For the local server, which has no Cosmos DB trigger to call its changes functions (Azure does).
    changes: new ScannedChangeFeed(scannedContainers(database)),
    close: async () => client.dispose(),
  };
}

function credentialFor({ credential }: CosmosStoreOptions): NonNullable<CosmosStoreOptions["credential"]> {
  if (!credential) throw new Error("SKYPORT_COSMOS_KEY is unset and no credential was given: pass the app's managed identity (azureCredential())");
  return credential;
}
