import { startAzuriteQueue } from "@skyport/azure-functions/testing";
import { idempotencyCollection, ordersCollection } from "@skyport/core";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorEnv, startCosmosServer, type CosmosServerAddress } from "@skyport/cosmos/testing";
import type { TestProject } from "vitest/node";

export interface AzureEmulators {
  cosmosEndpoint: string;
  cosmosKey: string;
  /** The service's database, and the schedule contract's own (its cleanup deletes every cancelled order). */
  database: string;
  scheduleDatabase: string;
  storageConnectionString: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    azure: AzureEmulators;
  }
}

/** The Cosmos DB server and azurite's queue service, for every test of the Azure app. */
export default async function setup(project: TestProject) {
  const cosmos = await startCosmosServer();
  const azurite = await startAzuriteQueue().catch(async (error: unknown) => {
    await cosmos.stop();
    throw error;
  });
  const emulators: AzureEmulators = {
    cosmosEndpoint: cosmos.endpoint,
    cosmosKey: cosmos.key,
    database: "skyport",
    scheduleDatabase: "skyport-schedule",
    storageConnectionString: azurite.connectionString,
  };
  await ensureOrderCollections(cosmos, emulators.database);
  await ensureOrderCollections(cosmos, emulators.scheduleDatabase);
  project.provide("azure", emulators);
  return async () => {
    await Promise.all([azurite.stop(), cosmos.stop()]);
  };
}

/** The order service's collections in a database of the server, as the Bicep template declares them in Azure. */
async function ensureOrderCollections(server: CosmosServerAddress, database: string) {
  const documents = cosmosDocuments(emulatorEnv(server, database), { agent: emulatorAgent() });
  await documents.ensure([ordersCollection, idempotencyCollection]).finally(() => documents.close());
}
