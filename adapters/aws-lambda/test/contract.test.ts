import { silentLogger } from "@skyport/core";
import { createOrderService } from "@skyport/core/orders";
import { httpContract, memoryOrderDeps, queueContract, scheduleContract } from "@skyport/core/orders/testing";
import { lambdaHttpHandler, lambdaScheduleHandler, lambdaQueueHandler } from "../src/index.js";
import { deliverThroughSqs, functionUrlEvent, httpApiEvent, lambdaContext, restApiEvent, scheduledEvent, sendThroughLambda } from "../src/testing/index.js";

// The contracts through this adapter alone, on core's memory store: what is left to the
// wired app's runs (apps/orders/test/aws) is the store and the bundles.
function memoryService() {
  const deps = memoryOrderDeps({ cleanupPageSize: 5 });
  return { deps, service: createOrderService(deps) };
}
const options = { logger: silentLogger };

httpContract("Lambda, HTTP API payload 2.0, memory store", () => {
  const { deps, service } = memoryService();
  return {
    idempotency: deps.idempotency,
    send: sendThroughLambda(
      lambdaHttpHandler(async () => service.http, options),
      (r) => httpApiEvent(r),
    ),
  };
});

httpContract("Lambda, REST API payload 1.0, memory store", () => {
  const { deps, service } = memoryService();
  return {
    idempotency: deps.idempotency,
    send: sendThroughLambda(
      lambdaHttpHandler(async () => service.http, options),
      (r) => restApiEvent(r),
    ),
  };
});

httpContract("Lambda function URL, memory store", () => {
  const { deps, service } = memoryService();
  return {
    idempotency: deps.idempotency,
    send: sendThroughLambda(
      lambdaHttpHandler(async () => service.http, options),
      (r) => functionUrlEvent(r),
    ),
  };
});

queueContract("Lambda, SQS, memory store", () => {
  const { deps, service } = memoryService();
  return { orders: deps.orders, deliver: deliverThroughSqs(lambdaQueueHandler(async () => service.queue, options)) };
});

scheduleContract("Lambda, EventBridge schedule, memory store", () => {
  const { deps, service } = memoryService();
  const handler = lambdaScheduleHandler(async () => service.cleanup, options);
  return {
    orders: deps.orders,
    retentionDays: deps.retentionDays,
    cleanupPageSize: deps.cleanupPageSize,
    tick: async () => void (await handler(scheduledEvent(), lambdaContext({ functionName: "skyport-orders-cleanup" }))),
  };
});
