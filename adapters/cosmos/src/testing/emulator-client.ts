import { CosmosClient } from "@azure/cosmos";
import { DEFAULT_DATABASE } from "../settings.js";
import { emulatorAgent } from "./emulator.js";

/** Where the Cosmos DB server listens, and the key to sign requests with. */
export interface CosmosServerAddress {
  endpoint: string;
  key: string;
}

/** A client for the local server (key auth, its self-signed certificate accepted). */
export function emulatorClient(server: CosmosServerAddress): CosmosClient {
  return new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: emulatorAgent() });
}

/** The settings that point `cosmosDocuments` at a database of the local server. */
export function emulatorEnv(server: CosmosServerAddress, database: string = DEFAULT_DATABASE): Record<string, string> {
  return { SKYPORT_COSMOS_ENDPOINT: server.endpoint, SKYPORT_COSMOS_KEY: server.key, SKYPORT_COSMOS_DATABASE: database };
}
