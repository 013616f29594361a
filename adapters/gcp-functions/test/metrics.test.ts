import { cloudEvent, http } from "@google-cloud/functions-framework";
import { jsonLogger } from "@skyport/core";
import { afterAll, describe, expect, it } from "vitest";
import { cloudLoggingFormat, cloudLoggingMetrics, gcpHttpHandler, gcpQueueHandler } from "../src/index.js";
import { pubsubPushEvent, pushRequest, serveFunction } from "../src/testing/index.js";
import { memoryOrderService } from "./order-service.js";

const lines: string[] = [];
const write = (line: string) => void lines.push(line);
const { service } = memoryOrderService();
const options = { logger: jsonLogger({ level: "error", format: cloudLoggingFormat("demo-skyport"), write }), metrics: cloudLoggingMetrics("orders", write) };
http(
  "ordersMetricsApi",
  gcpHttpHandler(async () => service.http, options),
);
cloudEvent(
  "ordersMetricsQueue",
  gcpQueueHandler(async () => service.queue, options),
);
const servers = [await serveFunction("ordersMetricsApi"), await serveFunction("ordersMetricsQueue")];
const [api, queue] = servers as [(typeof servers)[0], (typeof servers)[0]];
afterAll(() => Promise.all(servers.map((server) => server.close())));

const body = JSON.stringify({ customerId: "cus_m", items: [{ sku: "A", quantity: 1, unitPrice: 100 }], currency: "EUR" });
const deliver = (data: string) => {
  const { headers, body } = pushRequest(pubsubPushEvent({ data }), "binary");
  return fetch(queue.url, { method: "POST", headers, body });
};

describe("metrics on the functions framework", () => {
  it("are Cloud Logging lines a log-based metric reads, written with SKYPORT_LOG_LEVEL=error", async () => {
    const post = () => fetch(`${api.url}/orders`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "k-1" }, body });
    const created = await post();
    expect(created.status).toBe(201);
    expect((await post()).headers.get("idempotent-replayed")).toBe("true");
    const { id } = (await created.json()) as { id: string };
    await deliver(JSON.stringify({ type: "order.created", orderId: id }));
    await deliver("not json");

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // What a log-based metric filters on and extracts: jsonPayload.metrics.<name>, a number.
    const metrics = records.filter((r) => r.message === "metric");
    expect(metrics.map((r) => `${Object.keys(r.metrics as object)} ${r.unit}`)).toEqual([
      "OrdersCreated Count",
      "RequestLatency Milliseconds",
      "IdempotentReplays Count",
      "RequestLatency Milliseconds",
      "OrdersConfirmed Count",
      "FailedMessages Count",
    ]);
    for (const metric of metrics) {
      expect(metric).toMatchObject({ severity: "INFO", service: "orders", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(Object.values(metric.metrics as object)).toEqual([expect.any(Number)]);
    }
    // No info log line came through at error; only the poison message's error did.
    for (const record of records.filter((r) => r.message !== "metric")) expect(record.severity).toBe("ERROR");
  });
});
