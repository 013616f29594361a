import { GetCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { storeContract } from "@skyport/core/testing";
import { inject } from "vitest";
import { dynamoDbStores } from "../src/index.js";
import { ORDERS_TABLE } from "../src/table.js";
import { dynamoDbLocalClient, dynamoDbLocalEnv } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");
const table = inject("dynamoDbTable");

storeContract("dynamodb", () => {
  // The production path: the SDK finds region, endpoint and credentials in the standard variables.
  Object.assign(process.env, dynamoDbLocalEnv(endpoint, table));
  const stores = dynamoDbStores(process.env);
  const inspector = DynamoDBDocumentClient.from(dynamoDbLocalClient(endpoint));
  return {
    ...stores,
    async ttlOf(key) {
      const { Item } = await inspector.send(
        new GetCommand({ TableName: table, Key: { [ORDERS_TABLE.partitionKey]: `${ORDERS_TABLE.idempotencyPrefix}${key}` } }),
      );
      const ttl: unknown = Item?.[ORDERS_TABLE.ttlAttribute];
      return typeof ttl === "number" ? ttl : undefined;
    },
    async close() {
      inspector.destroy();
      await stores.close();
    },
  };
});
