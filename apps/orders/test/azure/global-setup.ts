import { startAzuriteQueue } from "@skyport/azure-functions/testing";
import { createCosmosContainers, startCosmosServer } from "@skyport/cosmos/testing";
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
  await createCosmosContainers(cosmos, emulators.database);
  await createCosmosContainers(cosmos, emulators.scheduleDatabase);
  project.provide("azure", emulators);
  return async () => {
    await Promise.all([azurite.stop(), cosmos.stop()]);
  };
}
