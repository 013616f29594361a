import { orderStoresOn, type Order } from "@skyport/core/orders";
import { customerOrderCount, orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { dynamoDbDocuments } from "@skyport/dynamodb";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import type { LambdaChangesHandler } from "@skyport/aws-lambda";
import { clientResponse, httpApiEvent, lambdaContext, scheduledEvent } from "@skyport/aws-lambda/testing";
import type { APIGatewayProxyStructuredResultV2, KinesisStreamBatchResponse } from "aws-lambda";
import { afterAll, describe, expect, inject, it } from "vitest";
import { cleanupEvidence } from "../cleanup-evidence.js";
import { loadBundle, type BundleHandler } from "./bundles.js";
import { importBucket, S3RVER_CREDENTIALS } from "./import-bucket.js";
import { shipmentsStream } from "./shipments-stream.js";
import { sqsRelay, type SqsConsumer } from "./sqs-relay.js";
import { streamRelay } from "./stream-relay.js";

/**
 * Issue 28, item 1 on AWS: every built bundle (dist/aws/<fn>/index.mjs), loaded as Lambda's Node.js
 * runtime loads it, on DynamoDB Local with its stream, each driven by the event its trigger sends:
 * API Gateway, the orders table's stream, SQS (over its wire protocol), Kinesis (kinesalite), S3
 * (s3rver), EventBridge. The effects are read back from the tables.
 */
const endpoint = inject("dynamoDbEndpoint");
const tables = inject("awsTables").endToEnd;
const BUCKET = "skyport-orders-imports-123456789012";

const relay = await sqsRelay();
const bucket = await importBucket(BUCKET);
const shipments = await shipmentsStream();
const deadLetterQueue = relay.queueUrlOf("skyport-orders-shipments-dead-letters");
// The SAM template's variables, pointed at the stand-ins; every bundle reads them when it is loaded.
const env = {
  ...dynamoDbLocalEnv(endpoint, tables),
  ...S3RVER_CREDENTIALS,
  ...relay.env,
  SKYPORT_STREAM_DEAD_LETTERS: deadLetterQueue,
  AWS_ENDPOINT_URL_S3: bucket.endpoint,
  SKYPORT_LOG_LEVEL: "error",
};
Object.assign(process.env, env);
const api = await loadBundle("api");
const outbox = await loadBundle("outbox");
const confirm = await loadBundle("confirm");
const ship = await loadBundle("ship");
const importer = await loadBundle("import");
const cleanup = await loadBundle("cleanup");
const peer = orderStoresOn(dynamoDbDocuments(env));
const stream = streamRelay(endpoint, tables.orders!, outbox as LambdaChangesHandler);
const context = (fn: string) => lambdaContext({ functionName: `skyport-orders-${fn}` });

afterAll(async () => {
  stream.close();
  await Promise.all([relay.close(), bucket.close(), shipments.close(), peer.close()]);
});

const request = async (handler: BundleHandler, method: string, path: string, body?: unknown) =>
  clientResponse(
    (await handler(
      httpApiEvent({ method, path, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
      context("api"),
    )) as APIGatewayProxyStructuredResultV2,
  );
const orderBody = (customerId: string, sku = "SKU-1") => ({ customerId, items: [{ sku, quantity: 2, unitPrice: 1999 }], currency: "EUR" });
const announcements = (id: string) => relay.sent().filter((message) => message.body === JSON.stringify({ type: "order.created", orderId: id }));
/** The outbox's stream records, then the queue's messages, until both are drained. */
const settle = async () => {
  await stream.settle();
  await relay.settle(confirm as SqsConsumer);
};

describe("every AWS bundle, built, on DynamoDB Local: API Gateway, DynamoDB Streams, SQS, Kinesis, S3, EventBridge", () => {
  const customer = uniqueCustomer("cus_e2e");
  let order: Order;

  it("api creates an order; the outbox announces it from the table's stream; confirm confirms it, once", async () => {
    const created = await request(api, "POST", "/orders", orderBody(customer));
    expect(created.status, created.body).toBe(201);
    order = JSON.parse(created.body);
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "pending", version: 1 });

    await settle();
    expect(announcements(order.id)).toHaveLength(1);
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
    expect(relay.deadLettered()).toEqual([]);
  });

  it("ship applies a Kinesis shipment record once, delivered twice, and dead-letters a record for an unknown order to SQS", async () => {
    const shipment = { shipmentId: "shp_e2e", carrier: "DHL Express", trackingNumber: "JD014600003828", dispatchedAt: "2026-12-07T09:30:00Z" };
    const record = { key: order.id, data: JSON.stringify({ type: "shipment.dispatched", orderId: order.id, ...shipment }) };
    const unknown = { key: "ord_unknown", data: JSON.stringify({ type: "shipment.dispatched", orderId: "ord_01JDAAAAAAAAAAAAAAAAAAAAAA", ...shipment }) };
    const event = await shipments.put([record, unknown]);

    expect((await ship(event, context("ship"))) as KinesisStreamBatchResponse).toEqual({ batchItemFailures: [] });
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3, shipment });
    const deadLetters = relay.sent(deadLetterQueue).map((message) => JSON.parse(message.body) as { sequenceNumber: string; reason: string });
    expect(deadLetters).toEqual([expect.objectContaining({ sequenceNumber: event.Records[1]!.kinesis.sequenceNumber, reason: "poison" })]);

    // The mapping delivers the same records again (a retried batch): the shipment is not applied twice.
    expect((await ship(await shipments.put([record]), context("ship"))) as KinesisStreamBatchResponse).toEqual({ batchItemFailures: [] });
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3 });
    expect(relay.sent(deadLetterQueue)).toHaveLength(1);
  });

  it("import makes the orders of a file S3 announces once, even when the event comes twice, writes its report, and they are confirmed", async () => {
    const importer_ = uniqueCustomer("cus_e2e_import");
    const lines = [orderBody(importer_, "SKU-A"), { customerId: importer_, items: [], currency: "EUR" }, orderBody(importer_, "SKU-B")];
    const name = `${importer_}.jsonl`;
    const event = await bucket.put(`imports/${name}`, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);

    await importer(event, context("import"));
    const first = JSON.parse((await bucket.read(`reports/${name}.json`))!);
    expect(first).toMatchObject({ object: `imports/${name}`, created: 2, replayed: 0, rejected: [{ line: 2 }] });
    // S3's at-least-once delivery: the same event again creates nothing.
    await importer(event, context("import"));
    expect(JSON.parse((await bucket.read(`reports/${name}.json`))!)).toMatchObject({ created: 0, replayed: 2, rejected: [{ line: 2 }] });
    expect(await customerOrderCount(peer.orders, importer_)).toBe(2);

    await settle();
    const imported = (await peer.orders.listByCustomer(importer_, { limit: 10 })).items;
    expect(imported.map((each) => [each.status, each.version])).toEqual([
      ["confirmed", 2],
      ["confirmed", 2],
    ]);
    expect(imported.flatMap((each) => announcements(each.id))).toHaveLength(2);
  });

  it("cleanup, on its schedule, deletes the cancelled order and the stale pending one, and keeps the rest", async () => {
    const created = await request(api, "POST", "/orders", orderBody(customer, "SKU-CANCEL"));
    const cancelled = JSON.parse(created.body) as Order;
    expect((await request(api, "PATCH", `/orders/${cancelled.id}`, { status: "cancelled" })).status).toBe(200);
    const stale = orderAt(new Date(Date.now() - 400 * 24 * 60 * 60 * 1000), { customerId: customer });
    await peer.orders.create(stale);

    // Nothing else runs here: the stream and the queue are only read by settle(), which this test does not call.
    const evidence = await cleanupEvidence(peer.orders, env, { cancelled: cancelled.id, stale: stale.id });
    const report = await cleanup(scheduledEvent(), context("cleanup"));
    expect(report, await evidence.after(report)).toEqual({ deleted: 2, skipped: 0 });
    expect(await peer.orders.get(cancelled.id)).toBeNull();
    expect(await peer.orders.get(stale.id)).toBeNull();
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped" });
    expect(await customerOrderCount(peer.orders, customer)).toBe(1);
  });
});
