import { collectionLocation, systemClock, type Clock, type CollectionDeclaration, type Documents, type Env } from "@skyport/core";
import { cosmosClient, type CosmosStoreOptions } from "../client.js";
import { CosmosCollection } from "./cosmos-collection.js";
import { ensureContainers } from "./ensure-containers.js";

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
  const database = client.database(databaseId);
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  return {
    collection<T>(declaration: CollectionDeclaration<T>) {
      return new CosmosCollection<T>(declaration, database.container(collectionLocation(env, declaration as CollectionDeclaration<unknown>)), now);
    },
    ensure: (declarations) => ensureContainers(client, databaseId, env, declarations),
    close: async () => client.dispose(),
  };
}
