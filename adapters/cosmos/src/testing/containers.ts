import { CosmosClient, type Container } from "@azure/cosmos";
import { IDEMPOTENCY_CONTAINER, ORDERS_CONTAINER } from "../containers.js";
import { DEFAULT_DATABASE } from "../settings.js";
import { emulatorAgent } from "./emulator.js";

export interface CosmosServerAddress {
  endpoint: string;
  key: string;
}

/** A client for the local server (key auth, its self-signed certificate accepted). */
export function emulatorClient(server: CosmosServerAddress): CosmosClient {
  return new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: emulatorAgent() });
}

/** Creates the database and both containers exactly as the Bicep template declares them (README, "Containers"). */
export async function createCosmosContainers(server: CosmosServerAddress, databaseId: string = DEFAULT_DATABASE): Promise<void> {
  const client = emulatorClient(server);
  try {
    const { database } = await client.databases.createIfNotExists({ id: databaseId });
    await database.containers.createIfNotExists(ORDERS_CONTAINER);
    await database.containers.createIfNotExists(IDEMPOTENCY_CONTAINER);
  } finally {
    client.dispose();
  }
}

/** The second Cosmos DB's TTL removes an idempotency record at: its last write plus its ttl. */
export async function ttlExpiryOf(container: Container, key: string): Promise<number | undefined> {
  const { resource } = await container.item(key, key).read<{ ttl?: number; _ts: number }>();
  return resource?.ttl === undefined ? undefined : resource._ts + resource.ttl;
}
