import { idempotencyCollection, orderStoresOn, ordersCollection, ScannedChangeFeed, type Env, type Stores } from "@skyport/core";
import { cosmosClient } from "./client.js";
import { type CosmosDocumentsOptions, documentsOn } from "./documents/cosmos-documents.js";
import { scannedContainers } from "./scanned-containers.js";

export type { CosmosStoreOptions } from "./client.js";

/**
 * The order service's stores (core's, on `cosmosDocuments`) on one client (see `cosmosClient` for how
 * it signs in). The containers are the template's in Azure; locally, `ensure` them first.
 */
export function cosmosStores(env: Env, options: CosmosDocumentsOptions = {}): Stores {
  const { client, databaseId } = cosmosClient(env, options);
  const documents = documentsOn(client, databaseId, env, options.clock);
  return {
    ...orderStoresOn(documents),
    // For the local server, which has no Cosmos DB trigger to call its changes functions (Azure does).
    changes: new ScannedChangeFeed(scannedContainers(client.database(databaseId), env, [ordersCollection, idempotencyCollection], options.clock)),
  };
}
