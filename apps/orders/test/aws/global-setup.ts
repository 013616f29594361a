import { createOrdersTable, startDynamoDbLocal } from "@skyport/dynamodb/testing";
import type { TestProject } from "vitest/node";

export interface AwsTables {
  /** The HTTP and queue contracts' table. */
  orders: string;
  /** The schedule contract's own: its cleanup deletes every cancelled order. */
  schedule: string;
  /** The built bundles' table, run under the runtime interface client. */
  bundles: string;
  /** The wiring test's and the outbox test's own: each reads its table's whole stream. */
  wiring: string;
  outbox: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    awsTables: AwsTables;
  }
}

/** One DynamoDB Local for every test of the AWS app, with each table as the SAM template makes it. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const dynamoDb = await startDynamoDbLocal();
  try {
    const tables: AwsTables = {
      orders: "skyport-orders-aws",
      schedule: "skyport-orders-aws-schedule",
      bundles: "skyport-orders-aws-bundles",
      wiring: "skyport-orders-aws-wiring",
      outbox: "skyport-orders-aws-outbox",
    };
    for (const table of Object.values(tables)) await createOrdersTable(dynamoDb.endpoint, table);
    project.provide("dynamoDbEndpoint", dynamoDb.endpoint);
    project.provide("awsTables", tables);
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
  return () => dynamoDb.stop();
}
