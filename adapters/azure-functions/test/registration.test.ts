// Installed before anything loads @azure/functions, as the worker does before it loads the app.
import { installWorkerCore } from "../src/testing/worker-core.js";
const worker = installWorkerCore();

import { describe, expect, it } from "vitest";
import { memoryInstance, memoryService, testApp } from "./memory-service.js";

const { registerAzureFunctions } = await import("../src/index.js");
const { orderAt } = await import("@skyport/core/orders/testing");

const { deps } = memoryService();
registerAzureFunctions(testApp, memoryInstance(deps), { logLevel: "info", maxDequeueCount: 5 });

const triggerOf = (name: string) => Object.values(worker.registered.get(name)!.metadata.bindings).find((b) => b.direction === "in")!;

describe("registration with the Functions worker", () => {
  it("registers every declared function by its name, and one HTTP function for every path and method", () => {
    expect([...worker.registered.keys()].sort()).toEqual(["api", "cleanup", "confirm"]);
    expect(triggerOf("api")).toMatchObject({
      type: "httpTrigger",
      route: "{*path}",
      authLevel: "anonymous",
      methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    });
    expect(worker.registered.get("api")!.metadata.bindings.$return).toMatchObject({ type: "http", direction: "out" });
  });

  it("consumes the queue its topic's app setting names, over the host's storage connection, and runs the schedule in NCRONTAB", () => {
    expect(triggerOf("confirm")).toMatchObject({ type: "queueTrigger", queueName: "%SKYPORT_TOPIC_ORDERS%", connection: "AzureWebJobsStorage" });
    expect(triggerOf("cleanup")).toMatchObject({ type: "timerTrigger", schedule: "0 0 * * * *" });
  });
});

describe("invocations as the worker runs them (the library's own InvocationModel, from RPC data)", () => {
  const traceContext = { traceParent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", traceState: "", attributes: {} };

  it("answers an RpcHttp request with the RpcHttp response core made", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ customerId: "cus_rpc", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" }));
    const response = await worker.invoke("api", {
      inputData: [
        {
          name: Object.keys(worker.registered.get("api")!.metadata.bindings).find((k) => k !== "$return")!,
          data: {
            http: {
              method: "POST",
              url: "https://skyport-orders.azurewebsites.net/orders",
              headers: { "content-type": "application/json", "content-length": String(body.byteLength), "x-request-id": "rpc-1" },
              query: {},
              params: { path: "orders" },
              body: { bytes: body },
            },
          },
        },
      ],
      traceContext,
    });
    const http = response.returnValue!.http!;
    expect(http.statusCode).toBe("201");
    expect(http.headers).toMatchObject({ "content-type": "application/json", "x-request-id": "rpc-1", location: expect.stringMatching(/^\/orders\/ord_/) });
    expect(JSON.parse(Buffer.from(http.body!.bytes!).toString())).toMatchObject({ customerId: "cus_rpc", total: 5, status: "pending" });
  });

  const queueInvocation = (text: string, dequeueCount: number) => ({
    inputData: [{ name: Object.keys(worker.registered.get("confirm")!.metadata.bindings)[0]!, data: { string: text } }],
    triggerMetadata: {
      Id: { string: "0f4b5d1e-8c2a-4f0e-9a53-7d1f1c2b3a4d" },
      DequeueCount: { int: dequeueCount },
      PopReceipt: { string: "AgAAAAMAAAAAAAAA" },
      InsertionTime: { json: JSON.stringify(new Date().toISOString()) },
      QueueTrigger: { string: text },
    },
    traceContext,
  });

  it("confirms the order a queue message names, taking DequeueCount as the attempt", async () => {
    const order = orderAt(new Date(), { customerId: "cus_rpc_queue" });
    await deps.orders.create(order);
    await worker.invoke("confirm", queueInvocation(JSON.stringify({ type: "order.created", orderId: order.id }), 2));
    expect(await deps.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
    const confirmed = worker.logs
      .filter((l) => l.category === "user")
      .map((l) => JSON.parse(l.message))
      .find((l) => l.message === "order confirmed");
    expect(confirmed).toMatchObject({ orderId: order.id, messageId: "0f4b5d1e-8c2a-4f0e-9a53-7d1f1c2b3a4d", attempt: 2 });
  });

  it("fails the invocation of a poison message, so that the host counts it towards the poison queue", async () => {
    await expect(worker.invoke("confirm", queueInvocation("{not json", 1))).rejects.toThrow(/not processed/);
  });
});
