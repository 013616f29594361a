import { describe, expect, it } from "vitest";
import { createOrderService, jsonLogger, type HttpRequest } from "../src/index.js";
import { parseTraceparent } from "../src/observability/traceparent.js";
import { memoryOrderDeps } from "../src/testing/index.js";

function wired() {
  const lines: Record<string, unknown>[] = [];
  const published: { orderId: string; traceparent?: string }[] = [];
  const logger = jsonLogger({ level: "info", write: (line) => lines.push(JSON.parse(line)) });
  const service = createOrderService(
    memoryOrderDeps({ events: { publish: async (event, traceparent) => void published.push({ orderId: String(event.orderId), traceparent }) } }),
  );
  return { service, lines, published, logger };
}

const post = (): HttpRequest => ({
  method: "POST",
  path: "/orders",
  query: new URLSearchParams(),
  headers: { "content-type": "application/json" },
  body: Buffer.from('{"customerId":"cus_t","items":[{"sku":"A","quantity":1,"unitPrice":1}],"currency":"EUR"}'),
});

describe("one trace id from POST to confirmation", () => {
  const incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  it("carries the incoming trace into the order.created message and the consumer's logs", async () => {
    const { service, lines, published, logger } = wired();
    await service.http(post(), { requestId: "r1", cloud: "local", logger, traceparent: incoming });
    expect(published).toHaveLength(1);
    expect(parseTraceparent(published[0]!.traceparent)?.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");

    const message = {
      id: "m1",
      attempt: 1,
      body: JSON.stringify({ type: "order.created", orderId: published[0]!.orderId }),
      attributes: { traceparent: published[0]!.traceparent! },
    };
    await service.queue([message], { requestId: "q1", cloud: "local", logger });

    const traced = lines.filter((l) => ["request", "order created", "order confirmed"].includes(l.message as string));
    expect(traced.map((l) => l.message)).toEqual(["order created", "request", "order confirmed"]);
    for (const line of traced) expect(line.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });

  it("starts a trace when none arrives, and ignores a malformed traceparent", async () => {
    const { service, published, logger } = wired();
    await service.http(post(), { requestId: "r1", cloud: "local", logger, traceparent: "00-zzzz-01" });
    await service.http(post(), { requestId: "r2", cloud: "local", logger });
    const [a, b] = published.map((p) => parseTraceparent(p.traceparent)?.traceId);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it("logs the metrics each cloud turns into counters and latencies", async () => {
    const { service, lines, logger } = wired();
    await service.http({ ...post(), headers: { ...post().headers, "idempotency-key": "k" } }, { requestId: "r", cloud: "local", logger });
    await service.http({ ...post(), headers: { ...post().headers, "idempotency-key": "k" } }, { requestId: "r", cloud: "local", logger });
    await service.queue([{ id: "bad", attempt: 1, body: "{" }], { requestId: "q", cloud: "local", logger });
    const metrics = lines.filter((l) => l.metrics).map((l) => Object.keys(l.metrics as object)[0]);
    expect(metrics).toEqual(["OrdersCreated", "RequestLatency", "IdempotentReplays", "RequestLatency", "FailedMessages"]);
  });
});
