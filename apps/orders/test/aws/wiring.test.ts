import { ConfigError } from "@skyport/core";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { clientResponse, httpApiEvent, lambdaContext, restApiEvent, xrayTraceHeader } from "@skyport/aws-lambda/testing";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { awsHttpFunction } from "./functions.js";
import { awsOutboxFunction, awsQueueFunction } from "./functions.js";
import { sqsRelay } from "./sqs-relay.js";
import { streamRelay } from "./stream-relay.js";

const relay = await sqsRelay();
const env = { ...dynamoDbLocalEnv(inject("dynamoDbEndpoint"), inject("awsTables").wiring), ...relay.env };
Object.assign(process.env, env);
const logs: string[] = [];
const capture = { logWrite: (line: string) => void logs.push(line) };
const queue = awsQueueFunction(env, capture);
const stream = streamRelay(inject("dynamoDbEndpoint"), inject("awsTables").wiring.orders!, awsOutboxFunction(env, capture));
const http = awsHttpFunction(env, capture);
afterAll(async () => {
  stream.close();
  await relay.close();
});

const order = (customerId: string) => JSON.stringify({ customerId, items: [{ sku: "SKU-1", quantity: 1, unitPrice: 500 }], currency: "EUR" });

describe("the AWS functions, wired", () => {
  it("publishes order.created from the table's stream (the HTTP function publishes nothing), and the queue function confirms it", async () => {
    const xray = `${xrayTraceHeader()};Parent=53995c3f42cd8ad8;Sampled=1`;
    const event = httpApiEvent({
      method: "POST",
      path: "/orders",
      headers: { "content-type": "application/json", "x-amzn-trace-id": xray },
      body: order("cus_wired"),
    });
    const created = clientResponse(await http(event, lambdaContext()));
    expect(created.status, created.body).toBe(201);
    const { id } = JSON.parse(created.body);
    const announces = () => relay.sent().filter((message) => message.body === JSON.stringify({ type: "order.created", orderId: id }));
    expect(announces()).toEqual([]);
    // The core's span continues X-Ray's trace id.
    const traceId = /Root=1-([0-9a-f]{8})-([0-9a-f]{24})/.exec(xray)!.slice(1).join("");

    // The stream's records since the last read, as Lambda's event source mapping hands them to the outbox function.
    await stream.settle();
    expect(announces()).toHaveLength(1);
    const outboxTrace = /^00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]$/.exec(announces()[0]!.attributes!.traceparent!)![1];
    await relay.settle(queue);
    const read = clientResponse(await http(restApiEvent({ method: "GET", path: `/orders/${id}` }), lambdaContext()));
    expect(JSON.parse(read.body)).toMatchObject({ id, status: "confirmed", version: 2 });

    // The logs: one trace id from the request to the confirmation, as CloudWatch lines; the metrics as EMF records of their own.
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const created_ = lines.find((l) => l.message === "order created" && l.orderId === id)!;
    const confirmed = lines.find((l) => l.message === "order confirmed" && l.orderId === id)!;
    expect(created_).toMatchObject({ level: "INFO", traceId, awsRequestId: expect.any(String), cloud: "aws" });
    // The confirmation continues the outbox invocation's trace, which order.created carried.
    expect(confirmed).toMatchObject({ level: "INFO", traceId: outboxTrace, awsRequestId: expect.any(String) });
    expect(lines.find((l) => l.message === "request" && l.traceId === traceId)).toMatchObject({ status: 201, latencyMs: expect.any(Number) });
    const emf = lines.filter((l) => l._aws);
    for (const name of ["OrdersCreated", "OrdersConfirmed", "RequestLatency"]) {
      expect(
        emf.find((l) => name in l),
        name,
      ).toMatchObject({ service: "orders", [name]: expect.any(Number), _aws: { CloudWatchMetrics: [{ Namespace: "Skyport" }] } });
    }
    expect(lines.filter((l) => l.message === "cold start")).toEqual([
      expect.objectContaining({ coldStart: true, initDurationMs: expect.any(Number), serviceBuildMs: expect.any(Number) }),
      expect.objectContaining({ coldStart: true }),
      expect.objectContaining({ coldStart: true }),
    ]);
  });

  it("scopes an Idempotency-Key to the JWT subject API Gateway verified", async () => {
    const post = (sub: string) =>
      http(
        httpApiEvent(
          {
            method: "POST",
            path: "/orders",
            headers: { "content-type": "application/json", "idempotency-key": "same-key-for-both" },
            body: order("cus_scoped"),
          },
          { claims: { sub } },
        ),
        lambdaContext(),
      );
    const [alice, bob] = [`alice-${Date.now()}`, `bob-${Date.now()}`];
    const first = await post(alice);
    const other = await post(bob);
    const again = await post(alice);
    expect([first.statusCode, other.statusCode, again.statusCode]).toEqual([201, 201, 201]);
    expect(JSON.parse(other.body!).id).not.toBe(JSON.parse(first.body!).id);
    expect(JSON.parse(again.body!).id).toBe(JSON.parse(first.body!).id);
    expect(again.headers?.["idempotent-replayed"]).toBe("true");
  });

  it("fails at load, naming the variable, without a queue for a durable store", () => {
    const { SKYPORT_TOPIC_ORDERS: _, ...noQueue } = env;
    expect(() => awsOutboxFunction(noQueue)).toThrow(ConfigError);
    expect(() => awsOutboxFunction(noQueue)).toThrow(/SKYPORT_TOPIC_ORDERS/);
    // The HTTP function publishes nothing: it needs no queue.
    expect(() => awsHttpFunction(noQueue)).not.toThrow();
    expect(() => awsHttpFunction({ ...env, SKYPORT_STORE: "firestore" })).toThrow(/SKYPORT_STORE.*memory, dynamodb/);
    // The store's own settings too, before any request (and without loading its SDK).
    expect(() => awsHttpFunction({ ...env, SKYPORT_COLLECTION_ORDERS: "x" })).toThrow(/SKYPORT_COLLECTION_ORDERS must be a DynamoDB table name/);
    expect(() => awsQueueFunction({ ...env, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS: "no/slash" })).toThrow(/SKYPORT_COLLECTION_IDEMPOTENCY_KEYS/);
    // The AWS template offers the Redis cache (ElastiCache Serverless, signed in to with ElastiCache's IAM auth): the URL's
    // sign-in or ElastiCache's token, not another cloud's, which fails the start by name.
    const redis = { ...env, SKYPORT_CACHE: "redis", SKYPORT_REDIS_URL: "rediss://cache.example:6379" };
    expect(() => awsHttpFunction(redis)).not.toThrow();
    expect(() => awsHttpFunction({ ...redis, SKYPORT_REDIS_AUTH: "elasticache-iam" })).not.toThrow();
    expect(() => awsHttpFunction({ ...redis, SKYPORT_REDIS_AUTH: "entra-id" })).toThrow(/SKYPORT_REDIS_AUTH.*password, elasticache-iam on aws/);
    expect(() => awsHttpFunction({ ...env, SKYPORT_CACHE: "memory" })).not.toThrow();
  });

  it("runs on the memory store with no queue at all", async () => {
    const memory = awsHttpFunction({ SKYPORT_STORE: "memory" }, capture);
    const created = await memory(
      httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body: order("cus_memory") }),
      lambdaContext(),
    );
    expect(created.statusCode).toBe(201);
  });
});
