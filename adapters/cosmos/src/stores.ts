import { ScannedChangeFeed, type Env, type Stores } from "@skyport/core";
import { cosmosClient, type CosmosStoreOptions } from "./client.js";
import { IDEMPOTENCY_CONTAINER, ORDERS_CONTAINER } from "./containers.js";
import { CosmosIdempotencyStore } from "./idempotency-store.js";
import { CosmosOrderStore } from "./order-store.js";
import { scannedContainers } from "./scanned-containers.js";

export type { CosmosStoreOptions } from "./client.js";

/** Both stores on one client (see `cosmosClient` for how it signs in). */
export function cosmosStores(env: Env, options: CosmosStoreOptions = {}): Stores {
  const { client, databaseId } = cosmosClient(env, options);
  const database = client.database(databaseId);
  return {
    orders: new CosmosOrderStore(database.container(ORDERS_CONTAINER.id)),
    idempotency: new CosmosIdempotencyStore(database.container(IDEMPOTENCY_CONTAINER.id)),
    // For the local server, which has no Cosmos DB trigger to call its changes functions (Azure does).
    changes: new ScannedChangeFeed(scannedContainers(database)),
    close: async () => client.dispose(),
  };
}
