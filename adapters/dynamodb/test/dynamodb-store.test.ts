import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { storeContract } from "@skyport/core/testing";
import { inject } from "vitest";
import { dynamoDbStores } from "../src/index.js";
import { dynamoDbLocalClient, dynamoDbLocalEnv, idempotencyRecordsIn } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");
const table = inject("dynamoDbTable");

storeContract("dynamodb", () => {
  // The production path: the SDK finds region, endpoint and credentials in the standard variables.
  Object.assign(process.env, dynamoDbLocalEnv(endpoint, table));
  const stores = dynamoDbStores(process.env);
  const inspector = DynamoDBDocumentClient.from(dynamoDbLocalClient(endpoint));
  return {
    ...stores,
    ...idempotencyRecordsIn(inspector, table),
    ttlExpiry: true,
    async close() {
      inspector.destroy();
      await stores.close();
    },
  };
});
