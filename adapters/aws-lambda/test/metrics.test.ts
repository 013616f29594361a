import { defineApp, http, jsonLogger, queue } from "@skyport/core";
import { confirmOrder, orderRoutes } from "@skyport/core/orders";
import { memoryOrderDeps } from "@skyport/core/orders/testing";
import { describe, expect, it } from "vitest";
import { cloudWatchMetrics, lambdaHandler } from "../src/index.js";
import { clientResponse, httpApiEvent, lambdaContext, sqsEvent } from "../src/testing/index.js";

const app = defineApp({
  name: "orders",
  functions: { api: http(orderRoutes), confirm: queue("orders", { "order.created": confirmOrder }) },
});
const body = JSON.stringify({ customerId: "cus_m", items: [{ sku: "A", quantity: 1, unitPrice: 100 }], currency: "EUR" });

/** Both functions with logs at error: every line they write is kept, log or metric. */
function functions() {
  const lines: string[] = [];
  const write = (line: string) => void lines.push(line);
  const deps = memoryOrderDeps();
  const instance = { logger: jsonLogger({ level: "error", write }), metrics: cloudWatchMetrics("orders", write), services: async () => deps };
  return { lines, api: lambdaHandler(app, "api", instance), confirm: lambdaHandler(app, "confirm", instance) };
}

/** What CloudWatch extracts from an Embedded Metric Format record: each named metric's value and unit. */
function extracted(line: string) {
  const record = JSON.parse(line) as Record<string, unknown> & {
    _aws?: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  };
  if (!record._aws) return [];
  expect(record._aws.Timestamp).toBeGreaterThan(Date.now() - 60_000);
  return record._aws.CloudWatchMetrics.flatMap(({ Namespace, Dimensions, Metrics }) => {
    for (const dimension of Dimensions.flat()) expect(typeof record[dimension], dimension).toBe("string");
    return Metrics.map(({ Name, Unit }) => ({ namespace: Namespace, name: Name, unit: Unit, value: record[Name], service: record.service }));
  });
}

describe("metrics on Lambda", () => {
  it("are Embedded Metric Format records CloudWatch extracts, written with SKYPORT_LOG_LEVEL=error", async () => {
    const { lines, api, confirm } = functions();
    const keyed = { method: "POST", path: "/orders", headers: { "content-type": "application/json", "idempotency-key": "k-1" }, body };
    const created = clientResponse((await api(httpApiEvent(keyed), lambdaContext())) as never);
    expect(created.status).toBe(201);
    await api(httpApiEvent(keyed), lambdaContext());
    const { id } = JSON.parse(created.body);
    const batch = sqsEvent([
      { id: "m-1", body: JSON.stringify({ type: "order.created", orderId: id }) },
      { id: "m-2", body: "not json" },
    ]);
    await confirm(batch, lambdaContext());

    const metrics = lines.flatMap(extracted);
    // The batch's messages run at once: their two metrics come in either order.
    expect(metrics.map((m) => `${m.name} ${m.unit}`).sort()).toEqual([
      "FailedMessages Count",
      "IdempotentReplays Count",
      "OrdersConfirmed Count",
      "OrdersCreated Count",
      "RequestLatency Milliseconds",
      "RequestLatency Milliseconds",
    ]);
    for (const metric of metrics) expect(metric).toMatchObject({ namespace: "Skyport", service: "orders", value: expect.any(Number) });
    expect(metrics.filter((m) => m.unit === "Count").map((m) => m.value)).toEqual([1, 1, 1, 1]);
    // The log lines kept at error are the poison message's; no info line carried a metric in.
    const logged = lines.filter((line) => !line.includes('"_aws"')).map((line) => JSON.parse(line));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line.level).toBe("error");
  });

  it("leave out a value CloudWatch would refuse the whole record for", () => {
    const lines: string[] = [];
    cloudWatchMetrics("orders", (line) => void lines.push(line)).record("RequestLatency", Number.NaN, "Milliseconds");
    expect(lines).toEqual([]);
  });
});
