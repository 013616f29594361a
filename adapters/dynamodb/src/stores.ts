import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Env, Stores } from "@skyport/core";
import { DynamoDbIdempotencyStore } from "./idempotency-store.js";
import { DynamoDbOrderStore } from "./order-store.js";
import { readDynamoDbSettings } from "./settings.js";

/** Without these a dead connection waits for the function's own timeout; with them it is a 503. */
export const REQUEST_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 5_000, throwOnRequestTimeout: true } as const;

/**
 * Both stores on one DynamoDB client. Only the table comes from `env`: region, endpoint and
 * credentials are the SDK's own (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, the Lambda role).
 */
export function dynamoDbStores(env: Env): Stores {
  return storesOn(new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS }), readDynamoDbSettings(env).table);
}

/** Both stores on the given client, which `close` destroys. */
export function storesOn(client: DynamoDBClient, table: string): Stores {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    orders: new DynamoDbOrderStore(documents, table),
    idempotency: new DynamoDbIdempotencyStore(documents, table),
    close: async () => client.destroy(),
  };
}
