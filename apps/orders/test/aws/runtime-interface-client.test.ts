import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from "aws-lambda";
import { clientResponse, httpApiEvent, restApiEvent, sqsEvent } from "@skyport/aws-lambda/testing";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { freePort } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runFunction, type RunningFunction } from "./lambda-process.js";
import { FunctionError } from "./runtime-api.js";

describe("the built bundles under aws-lambda-ric and a local Runtime API", () => {
  let http: RunningFunction;
  let queue: RunningFunction;

  beforeAll(async () => {
    const env = {
      ...(dynamoDbLocalEnv(inject("dynamoDbEndpoint"), inject("awsTables").bundles) as Record<string, string>),
      // No SQS here: the publish fails fast and is logged; the order exists regardless (API.md).
      SKYPORT_TOPIC_ORDERS: `http://127.0.0.1:${await freePort()}/123456789012/skyport-orders`,
      SKYPORT_LOG_LEVEL: "warn",
    };
    [http, queue] = await Promise.all([runFunction("api", env), runFunction("confirm", env)]);
  });

  afterAll(async () => {
    for (const fn of [http, queue]) {
      await fn?.process.stop();
      await fn?.api.close();
    }
  });

  it("creates an order and reads it back (payload 2.0, then 1.0), and the queue function confirms it", async () => {
    const body = JSON.stringify({ customerId: "cus_ric", items: [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }], currency: "EUR" });
    const posted = (await http.api.invoke(
      httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body }),
    )) as APIGatewayProxyStructuredResultV2;
    const created = clientResponse(posted);
    expect(created.status, created.body).toBe(201);
    const order = JSON.parse(created.body);
    expect(created.headers.location).toBe(`/orders/${order.id}`);

    const read = clientResponse((await http.api.invoke(restApiEvent({ method: "GET", path: `/orders/${order.id}` }))) as APIGatewayProxyStructuredResultV2);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(JSON.parse(read.body)).toEqual(order);

    // One batch: the order's event, and a poison message that alone is reported back.
    const batch = sqsEvent([
      { id: "created-1", body: JSON.stringify({ type: "order.created", orderId: order.id }) },
      { id: "poison-1", body: "{not json", attempt: 3 },
    ]);
    expect((await queue.api.invoke(batch)) as SQSBatchResponse).toEqual({ batchItemFailures: [{ itemIdentifier: "poison-1" }] });

    const confirmed = clientResponse(
      (await http.api.invoke(httpApiEvent({ method: "GET", path: `/orders/${order.id}` }))) as APIGatewayProxyStructuredResultV2,
    );
    expect(JSON.parse(confirmed.body)).toMatchObject({ id: order.id, status: "confirmed", version: 2 });
  });

  it("reports an event it cannot translate as the invocation's error", async () => {
    const failure = await http.api.invoke({ Records: [] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FunctionError);
    expect((failure as FunctionError).errorType).toBe("UnsupportedEvent");
    // The instance lives on and answers the next invocation.
    const health = clientResponse((await http.api.invoke(httpApiEvent({ method: "GET", path: "/health" }))) as APIGatewayProxyStructuredResultV2);
    expect(health.status).toBe(200);
  });
});
