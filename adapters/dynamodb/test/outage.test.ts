import { orderStoresOn } from "@skyport/core/orders";
import { switchableProxy } from "@skyport/core/testing";
import { outageContract, storeFaultsContract, storeOutageTarget } from "@skyport/core/orders/testing";
import { inject } from "vitest";
import { dynamoDbDocuments } from "../src/index.js";
import { dynamoDbLocalEnv } from "../src/testing/index.js";

/** The order service on DynamoDB Local through a proxy of its own, which the contract takes away or slows. */
async function behindProxy() {
  const proxy = await switchableProxy(Number(new URL(inject("dynamoDbEndpoint")).port));
  // The SDK reads its endpoint from the standard environment, as in production.
  Object.assign(process.env, dynamoDbLocalEnv(`http://127.0.0.1:${proxy.port}`, inject("dynamoDbTables")));
  return storeOutageTarget(orderStoresOn(dynamoDbDocuments(process.env)), proxy);
}

outageContract("dynamodb (DynamoDB Local behind a proxy that goes away)", behindProxy);
storeFaultsContract("dynamodb (DynamoDB Local behind a proxy that slows, goes away and comes back)", behindProxy);
