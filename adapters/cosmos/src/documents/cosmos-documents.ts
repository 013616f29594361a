import type { CosmosClient } from "@azure/cosmos";
import {
  collectionLocation,
  ScannedChangeFeed,
  systemClock,
  withDeclaredChanges,
  type Clock,
  type CollectionDeclaration,
  type Documents,
  type Env,
} from "@skyport/core";
import { cosmosClient, type CosmosStoreOptions } from "../client.js";
import { scannedContainers } from "../scanned-containers.js";
import { CosmosCollection } from "./cosmos-collection.js";
import { ensureContainers } from "./ensure-containers.js";

/** Options of `cosmosDocuments`: the store's, and the clock expiry is read by. */
export interface CosmosDocumentsOptions extends CosmosStoreOptions {
  /** Decides expiry (`expiresAt <= now` is gone); the process's clock unless given. */
  clock?: Clock;
}

/**
 * SKYPORT_STORE=cosmos: each collection in its own container of the database the settings name
 * (SKYPORT_COSMOS_ENDPOINT, SKYPORT_COSMOS_DATABASE, SKYPORT_COSMOS_KEY locally), the container at
 * `collectionLocation` (SKYPORT_COLLECTION_<NAME>, else the collection's name).
 */
export function cosmosDocuments(env: Env, options: CosmosDocumentsOptions = {}): Documents {
  const { client, databaseId } = cosmosClient(env, options);
  return documentsOn(client, databaseId, env, options.clock);
}

/**
 * The documents of one database on a client the caller made (closing them disposes of the client),
 * and their change feed for the local server, which has no Cosmos DB trigger to call its changes
 * functions (Azure does): core's ScannedChangeFeed over `scannedContainers`, on the collections these documents were given.
 */
export function documentsOn(client: CosmosClient, databaseId: string, env: Env, clock: Clock = systemClock): Documents {
  const database = client.database(databaseId);
  const now = () => clock.now().getTime();
  const documents: Documents = {
    collection<T>(declaration: CollectionDeclaration<T>) {
      return new CosmosCollection<T>(declaration, database.container(collectionLocation(env, declaration as CollectionDeclaration<unknown>)), now);
    },
    ensure: (declarations) => ensureContainers(client, databaseId, env, declarations),
    close: async () => client.dispose(),
  };
  return withDeclaredChanges(documents, (declared) => new ScannedChangeFeed(scannedContainers(database, env, declared, clock), declared));
}
