import { Agent } from "node:https";
import { memoryDocuments, MEMORY_STORE, type Env, type Platform } from "@skyport/core";
import { COSMOS_STORE, readCosmosSettings } from "@skyport/cosmos/settings";
import { azureCredential } from "@skyport/azure-functions";
import { instance, type RedisOffer } from "./services.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** On Azure: Cosmos DB (its SDK imported on first use), or SKYPORT_STORE=memory. */
const stores = {
  loaders: {
    [COSMOS_STORE]: Object.assign(
      (env: Env) =>
        import("@skyport/cosmos").then(({ cosmosDocuments }) => {
          // The Cosmos DB emulator on this machine serves a self-signed certificate; any other endpoint's is verified.
          const local = LOOPBACK.has(new URL(readCosmosSettings(env).endpoint).hostname);
          return cosmosDocuments(env, local ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) } : {});
        }),
      { check: (env: Env) => void readCosmosSettings(env) },
    ),
    [MEMORY_STORE]: () => memoryDocuments(),
  },
  defaultStore: COSMOS_STORE,
};

/** Redis with the URL's password, or the app's identity's Microsoft Entra ID token (SKYPORT_REDIS_AUTH=entra-id, as main.bicep sets it). */
const AZURE_REDIS: RedisOffer = {
  auths: ["password", "entra-id"],
  load: () =>
    import("@skyport/redis").then(
      ({ redisCache, entraIdCredentials }) =>
        (options) =>
          redisCache({ ...options, ...(options.auth === "entra-id" && { credentials: entraIdCredentials(azureCredential()) }) }),
    ),
};

export default (env: Env, platform: Platform) => instance("azure", env, platform, stores, { redis: AZURE_REDIS });
