import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorEnv, startCosmosServer } from "@skyport/cosmos/testing";
import { dynamoDbLocalEnv, ensureLocalCollections, prefixedTables, startDynamoDbLocal } from "@skyport/dynamodb/testing";
import { startFirestoreEmulator } from "@skyport/firestore/testing";
import type { TestProject } from "vitest/node";

export interface LocalEmulators {
  /** The order service's tables by collection name (what `dynamoDbLocalEnv` takes). */
  dynamoDb: { endpoint: string; tables: Record<string, string> };
  firestore: { host: string; project: string };
  cosmos: { endpoint: string; key: string; database: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    localEmulators: LocalEmulators;
  }
}

/**
 * The stand-ins of every cloud store, for the local server's contracts on each: DynamoDB Local,
 * Google's Firestore emulator and the Cosmos DB server, started together, stopped together.
 */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const started = await Promise.allSettled([startDynamoDbLocal(), startFirestoreEmulator(), startCosmosServer()]);
  const stop = () => Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.stop() : undefined)));
  try {
    const [dynamoDb, firestore, cosmos] = started.map((s) => {
      if (s.status === "rejected") throw s.reason;
      return s.value;
    }) as [Awaited<ReturnType<typeof startDynamoDbLocal>>, Awaited<ReturnType<typeof startFirestoreEmulator>>, Awaited<ReturnType<typeof startCosmosServer>>];
    const emulators: LocalEmulators = {
      dynamoDb: { endpoint: dynamoDb.endpoint, tables: prefixedTables("skyport-local", [ordersCollection, idempotencyCollection]) },
      firestore: { host: firestore.host, project: "demo-skyport-local" },
      cosmos: { endpoint: cosmos.endpoint, key: cosmos.key, database: "skyport-local" },
    };
    const { endpoint, tables } = emulators.dynamoDb;
    await ensureLocalCollections(endpoint, dynamoDbLocalEnv(endpoint, tables), [ordersCollection, idempotencyCollection]);
    const cosmosCollections = cosmosDocuments(emulatorEnv(cosmos, emulators.cosmos.database), { agent: emulatorAgent() });
    await cosmosCollections.ensure([ordersCollection, idempotencyCollection]).finally(() => cosmosCollections.close());
    project.provide("localEmulators", emulators);
  } catch (error) {
    await stop();
    throw error;
  }
  return async () => void (await stop());
}
