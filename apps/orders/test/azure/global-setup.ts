import { startAzuriteBlob, startAzuriteQueue } from "@skyport/azure-functions/testing";
import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorEnv, startCosmosServer, type CosmosServerAddress } from "@skyport/cosmos/testing";
import type { TestProject } from "vitest/node";

export interface AzureEmulators {
  cosmosEndpoint: string;
  cosmosKey: string;
  /** The service's database, and the schedule contract's own (its cleanup deletes every cancelled order). */
  database: string;
  scheduleDatabase: string;
  /** The end-to-end test's own: its cleanup too deletes every cancelled order. */
  endToEndDatabase: string;
  /** Azurite's queue and blob services, both named in one connection string as a storage account's is. */
  storageConnectionString: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    azure: AzureEmulators;
  }
}

/** The Cosmos DB server and azurite's queue and blob services, for every test of the Azure app. */
export default async function setup(project: TestProject) {
  const cosmos = await startCosmosServer();
  const [queues, blobs] = await Promise.allSettled([startAzuriteQueue(), startAzuriteBlob()]);
  if (queues.status === "rejected" || blobs.status === "rejected") {
    await Promise.all([cosmos.stop(), ...[queues, blobs].map((started) => (started.status === "fulfilled" ? started.value.stop() : undefined))]);
    throw queues.status === "rejected" ? queues.reason : (blobs as PromiseRejectedResult).reason;
  }
  const emulators: AzureEmulators = {
    cosmosEndpoint: cosmos.endpoint,
    cosmosKey: cosmos.key,
    database: "skyport",
    scheduleDatabase: "skyport-schedule",
    endToEndDatabase: "skyport-end-to-end",
    storageConnectionString: `${queues.value.connectionString}BlobEndpoint=${blobs.value.blobServiceUrl};`,
  };
  await ensureOrderCollections(cosmos, emulators.database);
  await ensureOrderCollections(cosmos, emulators.scheduleDatabase);
  await ensureOrderCollections(cosmos, emulators.endToEndDatabase);
  project.provide("azure", emulators);
  return async () => {
    await Promise.all([queues.value.stop(), blobs.value.stop(), cosmos.stop()]);
  };
}

/** The order service's collections in a database of the server, as the Bicep template declares them in Azure. */
async function ensureOrderCollections(server: CosmosServerAddress, database: string) {
  const documents = cosmosDocuments(emulatorEnv(server, database), { agent: emulatorAgent() });
  await documents.ensure([ordersCollection, idempotencyCollection]).finally(() => documents.close());
}
