import { orderStoresOn } from "@skyport/core";
import { outageContract, storeOutageTarget, switchableProxy } from "@skyport/core/testing";
import { inject } from "vitest";
import { dynamoDbDocuments } from "../src/index.js";
import { dynamoDbLocalEnv } from "../src/testing/index.js";

outageContract("dynamodb (DynamoDB Local behind a proxy that goes away)", async () => {
  const proxy = await switchableProxy(Number(new URL(inject("dynamoDbEndpoint")).port));
  // The SDK reads its endpoint from the standard environment, as in production.
  Object.assign(process.env, dynamoDbLocalEnv(`http://127.0.0.1:${proxy.port}`, inject("dynamoDbTables")));
  return storeOutageTarget(orderStoresOn(dynamoDbDocuments(process.env)), proxy);
});
