import type { TestProject } from "vitest/node";
import { createOrdersTable, startDynamoDbLocal } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    dynamoDbTable: string;
  }
}

/** One DynamoDB Local for this project's test files, with the orders table as the template makes it. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const dynamoDb = await startDynamoDbLocal();
  try {
    const table = "skyport-orders-test";
    await createOrdersTable(dynamoDb.endpoint, table);
    project.provide("dynamoDbEndpoint", dynamoDb.endpoint);
    project.provide("dynamoDbTable", table);
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
  return () => dynamoDb.stop();
}
