import { dynamoDbDocuments } from "@skyport/dynamodb";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { deliverThroughSqs, lambdaContext, restApiEvent, httpApiEvent, scheduledEvent, sendThroughLambda } from "@skyport/aws-lambda/testing";
import type { ContractRequest } from "@skyport/core/testing";
import {
  hostileInputContract,
  hostileMessagesContract,
  httpContract,
  type OrderServiceTarget,
  queueContract,
  scheduleContract,
} from "@skyport/core/orders/testing";
import type { Env } from "@skyport/core";
import { orderStoresOn, type Stores } from "@skyport/core/orders";
import { inject } from "vitest";
import { awsCleanupFunction } from "./functions.js";
import { awsHttpFunction } from "./functions.js";
import { awsQueueFunction } from "./functions.js";
import { sqsRelay } from "./sqs-relay.js";

const endpoint = inject("dynamoDbEndpoint");
const tables = inject("awsTables");
const quiet = { logWrite: () => {} };

/** The functions' environment as the SAM template sets it, pointed at DynamoDB Local. */
function functionEnv(collectionTables: Record<string, string>, extra: Env = {}): Env {
  const env = { ...dynamoDbLocalEnv(endpoint, collectionTables), ...extra };
  // The SDK reads endpoint, region and credentials from the process environment, as on Lambda.
  Object.assign(process.env, env);
  return env;
}

/** The HTTP function behind API Gateway, what is queued relayed over SQS's wire protocol to the queue function. */
async function httpTarget(eventOf: Parameters<typeof sendThroughLambda>[1]): Promise<OrderServiceTarget & { orders: Stores["orders"] }> {
  const relay = await sqsRelay();
  const env = functionEnv(tables.orders, relay.env);
  const peer = orderStoresOn(dynamoDbDocuments(env));
  const queue = awsQueueFunction(env, quiet);
  return {
    send: sendThroughLambda(awsHttpFunction(env, quiet), eventOf),
    idempotency: peer.idempotency,
    orders: peer.orders,
    settle: () => relay.settle(queue),
    close: async () => {
      await relay.close();
      await peer.close();
    },
  };
}

const payloadV2 = (request: ContractRequest) => httpApiEvent(request);
// A REST API whose binaryMediaTypes is */*: every body arrives base64.
const payloadV1 = (request: ContractRequest) => restApiEvent(request, { binaryMediaTypes: ["*/*"] });
const secrets = Object.values(tables.orders);

httpContract("AWS Lambda, HTTP API payload 2.0, DynamoDB Local", () => httpTarget(payloadV2));
httpContract("AWS Lambda, REST API payload 1.0, DynamoDB Local", () => httpTarget(payloadV1));
hostileInputContract("AWS Lambda, HTTP API payload 2.0, DynamoDB Local", async () => ({ ...(await httpTarget(payloadV2)), secrets }));
hostileInputContract("AWS Lambda, REST API payload 1.0, DynamoDB Local", async () => ({ ...(await httpTarget(payloadV1)), secrets }));

queueContract("AWS Lambda, SQS batches, DynamoDB Local", () => {
  const env = functionEnv(tables.orders);
  const peer = orderStoresOn(dynamoDbDocuments(env));
  return { orders: peer.orders, deliver: deliverThroughSqs(awsQueueFunction(env, quiet)), close: () => peer.close() };
});

hostileMessagesContract("AWS Lambda, SQS batches, DynamoDB Local", () => {
  const env = functionEnv(tables.orders);
  const peer = orderStoresOn(dynamoDbDocuments(env));
  return { orders: peer.orders, deliver: deliverThroughSqs(awsQueueFunction(env, quiet)), close: () => peer.close() };
});

scheduleContract("AWS Lambda, EventBridge schedule, DynamoDB Local", () => {
  const env = functionEnv(tables.schedule, { SKYPORT_CLEANUP_PAGE_SIZE: "5", SKYPORT_RETENTION_DAYS: "30" });
  const peer = orderStoresOn(dynamoDbDocuments(env));
  const cleanup = awsCleanupFunction(env, quiet);
  return {
    orders: peer.orders,
    retentionDays: 30,
    cleanupPageSize: 5,
    tick: async () => void (await cleanup(scheduledEvent(), lambdaContext({ functionName: "skyport-orders-cleanup" }))),
    close: () => peer.close(),
  };
});
