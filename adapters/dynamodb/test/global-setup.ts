import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import type { TestProject } from "vitest/node";
import { dynamoDbLocalEnv, ensureLocalCollections, prefixedTables, startDynamoDbLocal } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    /** The order service's tables, by collection name (what `dynamoDbLocalEnv` takes). */
    dynamoDbTables: Record<string, string>;
  }
}

/** One DynamoDB Local for this project's test files, with the order service's collections' tables as the template makes them. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const dynamoDb = await startDynamoDbLocal();
  try {
    const tables = prefixedTables("skyport-test", [ordersCollection, idempotencyCollection]);
    await ensureLocalCollections(dynamoDb.endpoint, dynamoDbLocalEnv(dynamoDb.endpoint, tables), [ordersCollection, idempotencyCollection]);
    project.provide("dynamoDbEndpoint", dynamoDb.endpoint);
    project.provide("dynamoDbTables", tables);
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
  return () => dynamoDb.stop();
}
