import { defineApp, http, jsonLogger, queue } from "@skyport/core";
import { confirmOrder, orderRoutes } from "@skyport/core/orders";
import { memoryOrderDeps } from "@skyport/core/orders/testing";
import { describe, expect, it } from "vitest";
import { lambdaHandlerOf, lambdaQueueHandler } from "../src/index.js";
import { lambdaContext, sqsEvent } from "../src/testing/index.js";

const app = defineApp({
  name: "orders",
  functions: { api: http(orderRoutes), confirm: queue("orders", { "order.created": confirmOrder }) },
});
const deps = memoryOrderDeps();
const instance = { logger: jsonLogger({ level: "error", write: () => {} }), services: async () => deps };

describe("lambdaHandlerOf: a Lambda bundle's handler with its own kind's event source only", () => {
  const queueHandler = lambdaHandlerOf("queue", lambdaQueueHandler);

  it("serves a function of its kind: a poison SQS message is reported as a batch item failure", async () => {
    const handler = queueHandler(app, "confirm", instance);
    expect(await handler(sqsEvent([{ id: "p", body: "null" }]), lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: "p" }] });
  });

  it("refuses a function of another kind, naming both kinds", () => {
    expect(() => queueHandler(app, "api", instance)).toThrow("function api is a http function; this handler serves queue functions");
  });
});
