import { createServer, type Server } from "node:http";
import { DynamoDBClient, ProvisionedThroughputExceededException, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { StoreUnavailable } from "@skyport/core";
import { orderStoresOn } from "@skyport/core/orders";
import { freePort } from "@skyport/core/testing";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterEach, describe, expect, inject, it } from "vitest";
import { dynamoDbDocumentsOn } from "../src/index.js";

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let cleanUp: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanUp.reverse()) await step();
  cleanUp = [];
});

/** The order stores on a client of their own, their orders in `table`. */
function storesAt(endpoint: string, table = "skyport-test-orders") {
  // One attempt: the SDK's own retries would only slow the test down.
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  cleanUp.push(() => client.destroy());
  return orderStoresOn(dynamoDbDocumentsOn(client, { SKYPORT_COLLECTION_ORDERS: table }));
}

/**
 * Answers every request the way DynamoDB answers when it throttles or fails (the JSON 1.0 wire
 * form): DynamoDB Local never does either, and the SDK must parse the real thing.
 */
async function dynamoDbAnswering(status: number, type: string): Promise<string> {
  const server: Server = createServer((request, response) => {
    request.resume().on("end", () => {
      response.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "test" });
      response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: "try again later" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanUp.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function failure(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => expect.fail("the call should have failed"),
    (error: unknown) => error,
  );
}

describe("DynamoDB that cannot serve becomes StoreUnavailable, with the SDK error as cause", () => {
  it("when nothing listens at the endpoint (network)", async () => {
    const { orders, idempotency } = storesAt(`http://127.0.0.1:${await freePort()}`);
    for (const call of [
      orders.get(orderAt(new Date()).id),
      orders.create(orderAt(new Date())),
      orders.listByCustomer(uniqueCustomer(), { limit: 5 }),
      idempotency.begin("key", "fp", new Date(Date.now() + 60_000), new Date()),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect((error as StoreUnavailable).cause).toMatchObject({ code: "ECONNREFUSED" });
    }
  });

  it("when DynamoDB throttles", async () => {
    for (const type of ["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"]) {
      const { orders } = storesAt(await dynamoDbAnswering(400, type));
      const error = await failure(orders.update(orderAt(new Date(), { version: 2 }), 1));
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect((error as StoreUnavailable).cause).toMatchObject({ name: type });
    }
    const { orders } = storesAt(await dynamoDbAnswering(400, "ProvisionedThroughputExceededException"));
    const error = await failure(orders.get(orderAt(new Date()).id));
    expect((error as StoreUnavailable).cause).toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it("when DynamoDB answers with a server error", async () => {
    for (const [status, type] of [
      [500, "InternalServerError"],
      [503, "ServiceUnavailable"],
    ] as const) {
      const { idempotency } = storesAt(await dynamoDbAnswering(status, type));
      const error = await failure(idempotency.release("key"));
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect((error as StoreUnavailable).cause).toMatchObject({ name: type });
    }
  });

  it("but not when the request itself is wrong: a missing table stays the SDK's error (a bare 500)", async () => {
    const { orders } = storesAt(inject("dynamoDbEndpoint"), "no-such-table");
    const error = await failure(orders.get(orderAt(new Date()).id));
    expect(error).not.toBeInstanceOf(StoreUnavailable);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
