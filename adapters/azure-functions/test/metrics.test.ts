import type { HttpResponseInit } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { azureHttpHandler, azureQueueHandler } from "../src/index.js";
import { hostHttpRequest, hostInvocationContext, hostQueueDelivery, receivedMessage, type InvocationLog } from "../src/testing/index.js";
import { memoryService } from "./memory-service.js";

const body = JSON.stringify({ customerId: "cus_m", items: [{ sku: "A", quantity: 1, unitPrice: 100 }], currency: "EUR" });

describe("metrics on Azure Functions", () => {
  it("are Information lines of the invocation's own log, which the host sends to Application Insights, with SKYPORT_LOG_LEVEL=error", async () => {
    const { service } = memoryService();
    const options = { logLevel: "error" as const, maxDequeueCount: 5 };
    const api = azureHttpHandler(async () => service.http, options);
    const queue = azureQueueHandler(async () => service.queue, options);
    const logs: InvocationLog[] = [];
    const post = () => {
      const request = hostHttpRequest({ method: "POST", path: "/orders", headers: { "content-type": "application/json", "idempotency-key": "k-1" }, body });
      return api(request, hostInvocationContext({ functionName: "api", triggerType: "httpTrigger", logs })) as Promise<HttpResponseInit>;
    };
    const created = await post();
    expect(created.status).toBe(201);
    await post();
    const { id } = JSON.parse(String(created.body)) as { id: string };
    const confirm = hostQueueDelivery(receivedMessage("m-1", JSON.stringify({ type: "order.created", orderId: id })), logs);
    await queue(confirm.queueItem, confirm.invocation);
    const poison = hostQueueDelivery(receivedMessage("m-2", "not json"), logs);
    await (queue(poison.queueItem, poison.invocation) as Promise<unknown>).catch(() => {}); // the host's retry and poison queue take it from here

    const metrics = logs.filter((log) => log.message.startsWith('{"metric"'));
    expect(metrics.map((log) => log.level)).toEqual(Array(6).fill("information"));
    expect(metrics.map((log) => JSON.parse(log.message) as { metric: string; unit: string }).map((m) => `${m.metric} ${m.unit}`)).toEqual([
      "OrdersCreated Count",
      "RequestLatency Milliseconds",
      "IdempotentReplays Count",
      "RequestLatency Milliseconds",
      "OrdersConfirmed Count",
      "FailedMessages Count",
    ]);
    for (const log of metrics) expect(JSON.parse(log.message)).toEqual({ metric: expect.any(String), value: expect.any(Number), unit: expect.any(String) });
    // No info log line came through at error.
    for (const log of logs.filter((l) => !metrics.includes(l))) expect(log.level).toBe("error");
  });
});
