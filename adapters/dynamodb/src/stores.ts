import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Env, Stores } from "@skyport/core";
import { DynamoDbIdempotencyStore } from "./idempotency-store.js";
import { DynamoDbOrderStore } from "./order-store.js";
import { readDynamoDbSettings } from "./settings.js";

/**
 * Both stores on one DynamoDB client. Only the table comes from `env`: region, endpoint and
 * credentials are the SDK's own (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, the Lambda role).
 */
export function dynamoDbStores(env: Env): Stores {
  const { table } = readDynamoDbSettings(env);
  const client = new DynamoDBClient({
    // Without these a dead connection waits for the function's own timeout; with them it is a 503.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  });
  const documents = DynamoDBDocumentClient.from(client);
  return {
    orders: new DynamoDbOrderStore(documents, table),
    idempotency: new DynamoDbIdempotencyStore(documents, table),
    close: async () => client.destroy(),
  };
}
