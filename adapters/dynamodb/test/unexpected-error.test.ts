import { idempotencyCollection } from "@skyport/core";
import { ordersCollection, orderStoresOn } from "@skyport/core/orders";
import { expectProblemResponse } from "@skyport/core/testing";
import { serviceOver, serviceSend } from "@skyport/core/orders/testing";
import { expect, inject, it } from "vitest";
import { dynamoDbDocuments } from "../src/index.js";
import { dynamoDbLocalEnv, prefixedTables } from "../src/testing/index.js";

it("answers DynamoDB's own error for a table that is not there with a bare 500 that names nothing", async () => {
  const prefix = `skyport-missing-${process.pid}`;
  Object.assign(process.env, dynamoDbLocalEnv(inject("dynamoDbEndpoint"), prefixedTables(prefix, [ordersCollection, idempotencyCollection])));
  const stores = orderStoresOn(dynamoDbDocuments(process.env));
  try {
    const response = await serviceSend(serviceOver(stores))({ method: "GET", path: "/orders/ord_00000000000000000000000000" });
    expectProblemResponse(response, 500);
    expect(response.body).not.toMatch(new RegExp(`${prefix}|ResourceNotFound|non-existent|Cannot do operations`));
  } finally {
    await stores.close();
  }
});
