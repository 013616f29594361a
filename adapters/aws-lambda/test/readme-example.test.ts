// The example of README.md, run as a test: keep the two identical.
import { expect, it } from "vitest";
import { createOrderService, jsonLogger, memoryStores, systemClock, ulidIds } from "@skyport/core";
import { lambdaHttpHandler, lambdaScheduleHandler, lambdaSqsHandler } from "@skyport/aws-lambda";
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent } from "@skyport/aws-lambda/testing";

it("README: an order service behind the three Lambda handlers", async () => {
  const { orders, idempotency } = memoryStores();
  const service = createOrderService({
    orders,
    idempotency,
    events: { publish: async () => {} }, // in AWS: sqsEventPublisher(readSqsConfig(process.env))
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 100,
  });
  const logger = jsonLogger({ level: "warn" });
  const functions = async () => service; // apps build this lazily, once per instance

  // One handler per Lambda function; each translates its events both ways.
  const http = lambdaHttpHandler(functions, { logger });
  const queue = lambdaSqsHandler(functions, { logger });
  const cleanup = lambdaScheduleHandler(functions, { logger });

  const body = JSON.stringify({ customerId: "cus_42", items: [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }], currency: "EUR" });
  const created = await http(httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body }), lambdaContext());
  expect(created.statusCode).toBe(201); // { statusCode: 201, headers: { location, etag, ... }, body: '{"id":"ord_..."}' }

  const { id } = JSON.parse(created.body!);
  const batch = sqsEvent([{ id: "m1", body: JSON.stringify({ type: "order.created", orderId: id }) }, { id: "m2", body: "not json" }]);
  expect(await queue(batch, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }] });
  expect(await cleanup(scheduledEvent(), lambdaContext())).toEqual({ deleted: 0, skipped: 0 });
});
