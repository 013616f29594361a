import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { dynamoDbLocalEnv, ensureLocalCollections, prefixedTables, startDynamoDbLocal } from "@skyport/dynamodb/testing";
import type { TestProject } from "vitest/node";

/** The order service's tables of one test (its `orders` and `idempotency-keys` collections), by collection name: what `dynamoDbLocalEnv` takes. */
export type Tables = Record<string, string>;

export interface AwsTables {
  /** The HTTP and queue contracts' tables. */
  orders: Tables;
  /** The schedule contract's own: its cleanup deletes every cancelled order. */
  schedule: Tables;
  /** The built bundles' tables, run under the runtime interface client. */
  bundles: Tables;
  /** The wiring test's and the outbox test's own: each reads its orders table's whole stream. */
  wiring: Tables;
  outbox: Tables;
  /** Every built bundle end to end: its cleanup too deletes every cancelled order. */
  endToEnd: Tables;
  /** The queue function's process killed in the middle of a batch. */
  killed: Tables;
  /** The stream function's and the outbox function's, killed in the middle of a stream batch and of a change batch. */
  killedShip: Tables;
  killedOutbox: Tables;
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    awsTables: AwsTables;
  }
}

/** One DynamoDB Local for every test of the AWS app, with each test's collections' tables as the SAM template makes them. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const dynamoDb = await startDynamoDbLocal();
  try {
    const collections = [ordersCollection, idempotencyCollection];
    const tables: AwsTables = {
      orders: prefixedTables("skyport-aws", collections),
      schedule: prefixedTables("skyport-aws-schedule", collections),
      bundles: prefixedTables("skyport-aws-bundles", collections),
      wiring: prefixedTables("skyport-aws-wiring", collections),
      outbox: prefixedTables("skyport-aws-outbox", collections),
      endToEnd: prefixedTables("skyport-aws-end-to-end", collections),
      killed: prefixedTables("skyport-aws-killed", collections),
      killedShip: prefixedTables("skyport-aws-killed-ship", collections),
      killedOutbox: prefixedTables("skyport-aws-killed-outbox", collections),
    };
    for (const each of Object.values(tables)) await ensureLocalCollections(dynamoDb.endpoint, dynamoDbLocalEnv(dynamoDb.endpoint, each), collections);
    project.provide("dynamoDbEndpoint", dynamoDb.endpoint);
    project.provide("awsTables", tables);
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
  return () => dynamoDb.stop();
}
