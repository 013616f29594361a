import { orderStoresOn } from "@skyport/core/orders";
import { dynamoDbDocuments } from "@skyport/dynamodb";
import { dynamoDbLocalEnv, dynamoDbStreamReader } from "@skyport/dynamodb/testing";
import { clientResponse, httpApiEvent, lambdaContext } from "@skyport/aws-lambda/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { awsHttpFunction, awsOutboxFunction, awsQueueFunction } from "./functions.js";
import { sqsRelay } from "./sqs-relay.js";
import { streamRelay } from "./stream-relay.js";

/**
 * The outbox on AWS: the orders table's stream, read from DynamoDB Local's Streams API and handed to the
 * outbox function as Lambda's event source mapping would, publishing over SQS's wire protocol to a stand-in.
 */
const endpoint = inject("dynamoDbEndpoint");
const tables = inject("awsTables").outbox;
const table = tables.orders!;
const relay = await sqsRelay();
const env = { ...dynamoDbLocalEnv(endpoint, tables), ...relay.env };
Object.assign(process.env, env);
const quiet = { logWrite: () => {} };
const queue = awsQueueFunction(env, quiet);
const stream = streamRelay(endpoint, table, awsOutboxFunction(env, quiet));
const http = awsHttpFunction(env, quiet);
const peer = orderStoresOn(dynamoDbDocuments(env));
afterAll(async () => {
  await relay.close();
  stream.close();
  await peer.close();
});

const create = async (customerId: string) => {
  const body = JSON.stringify({ customerId, items: [{ sku: "SKU-1", quantity: 1, unitPrice: 500 }], currency: "EUR" });
  const created = clientResponse(
    await http(httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body }), lambdaContext()),
  );
  expect(created.status, created.body).toBe(201);
  return JSON.parse(created.body).id as string;
};
const announcing = (id: string) => (message: { body: string }) => message.body === JSON.stringify({ type: "order.created", orderId: id });

describe("the outbox on AWS: DynamoDB Streams -> the outbox function -> SQS", () => {
  it("reports the change whose publish failed by its SequenceNumber, is handed it again from there, and the order is confirmed once", async () => {
    const id = await create("cus_outbox_fault");
    relay.failSends(1);
    const responses = await stream.settle();
    // First delivery: the publish failed, so the record is the batch's checkpoint; the redelivery from it succeeds.
    expect(responses[0]!.batchItemFailures).toHaveLength(1);
    expect(responses.at(-1)!.batchItemFailures).toEqual([]);
    expect(stream.failedBatches).toEqual([]);
    expect(relay.deadLettered()).toEqual([]);
    expect(relay.queued().filter(announcing(id))).toHaveLength(1);
    await relay.settle(queue);
    expect(await peer.orders.get(id)).toMatchObject({ status: "confirmed", version: 2 });
  });

  it("takes the stream delivered again from its start (after a crash, or a retried batch) without a second effect", async () => {
    const id = await create("cus_outbox_again");
    await stream.settle();
    await relay.settle(queue);
    // A new reader is a new event source position: every record of the table again, as a redelivery would hand them.
    const again = streamRelay(endpoint, table, awsOutboxFunction(env, quiet));
    try {
      await again.settle();
      expect(relay.queued().filter(announcing(id))).toHaveLength(1);
      await relay.settle(queue);
      expect(await peer.orders.get(id)).toMatchObject({ status: "confirmed", version: 2 });
    } finally {
      again.close();
    }
  });

  it("announces a committed write only: a refused update leaves no record in the stream", async () => {
    const id = await create("cus_outbox_refused");
    await stream.settle();
    await relay.settle(queue);
    const reader = dynamoDbStreamReader(endpoint, table);
    try {
      const before = (await reader.read()).length;
      const stale = clientResponse(
        await http(
          httpApiEvent({
            method: "PATCH",
            path: `/orders/${id}`,
            headers: { "content-type": "application/json", "if-match": '"1"' },
            body: '{"status":"cancelled"}',
          }),
          lambdaContext(),
        ),
      );
      expect(stale.status).toBe(412);
      expect(await reader.read()).toEqual([]);
      expect(before).toBeGreaterThan(0);
    } finally {
      reader.close();
    }
  });
});
