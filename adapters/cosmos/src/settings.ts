import { envReader, type Env } from "@skyport/core";

/** SKYPORT_STORE's value for this store. */
export const COSMOS_STORE = "cosmos";

/** The database the stores use unless SKYPORT_COSMOS_DATABASE names another. */
export const DEFAULT_DATABASE = "skyport";

/** Where the Cosmos DB account is: its endpoint, database and, for the emulator only, its key. */
export interface CosmosSettings {
  endpoint: string;
  databaseId: string;
  /** Only for a local emulator; in the cloud the managed identity is the credential. */
  key?: string;
}

/** The store's settings, checked without loading the SDK: an entry point reads them at start. */
export function readCosmosSettings(env: Env): CosmosSettings {
  const read = envReader(env);
  return {
    endpoint: read.string("SKYPORT_COSMOS_ENDPOINT", undefined, /^https:\/\/\S+$/, "the https:// endpoint of the Cosmos DB account"),
    databaseId: read.string("SKYPORT_COSMOS_DATABASE", DEFAULT_DATABASE, /^[^/\\?#\s]{1,255}$/, "a Cosmos DB database id"),
    key: read.optional("SKYPORT_COSMOS_KEY"),
  };
}
