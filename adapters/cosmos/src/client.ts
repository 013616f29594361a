import type { Agent } from "node:https";
import { CosmosClient, type CosmosClientOptions } from "@azure/cosmos";
import type { Env } from "@skyport/core";
import { readCosmosSettings } from "./settings.js";

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
 * The client every store of this package shares the settings of. In the cloud it signs in with the
 * credential it is given (the app's managed identity); SKYPORT_COSMOS_KEY exists only for the local server.
 */
export function cosmosClient(env: Env, options: CosmosStoreOptions = {}): { client: CosmosClient; databaseId: string } {
  const { endpoint, databaseId, key } = readCosmosSettings(env);
  const client = new CosmosClient({
    endpoint,
    ...(key === undefined ? { aadCredentials: credentialFor(options) } : { key }),
    ...(options.agent ? { agent: options.agent } : {}),
    // A local emulator (the only place a key is used) advertises addresses behind port mappings
    // and proxies that the client cannot reach: talk to the endpoint as configured.
    connectionPolicy: key === undefined ? CONNECTION_POLICY : { ...CONNECTION_POLICY, enableEndpointDiscovery: false },
  });
  return { client, databaseId };
}

function credentialFor({ credential }: CosmosStoreOptions): NonNullable<CosmosStoreOptions["credential"]> {
  if (!credential) throw new Error("SKYPORT_COSMOS_KEY is unset and no credential was given: pass the app's managed identity (azureCredential())");
  return credential;
}
