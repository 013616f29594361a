import { describe, expect, it } from "vitest";
import { jsonLogger, MemoryOutbox, type Context, type HttpRequest, type Metrics } from "../src/index.js";
import { createOrderService, MemoryOrderStore } from "../src/orders/index.js";
import { parseTraceparent } from "../src/observability/traceparent.js";
import { memoryOrderDeps } from "../src/orders/testing/index.js";

function wired() {
  const lines: Record<string, unknown>[] = [];
  const published: { orderId: string; traceparent?: string }[] = [];
  const logger = jsonLogger({ level: "info", write: (line) => lines.push(JSON.parse(line)) });
  const outbox = new MemoryOutbox();
  const service = createOrderService(
    memoryOrderDeps({
      orders: new MemoryOrderStore(outbox),
      events: { publish: async (event, traceparent) => void published.push({ orderId: String(event.orderId), traceparent }) },
    }),
  );
  /** The outbox's changes handed to the changes function, as its runtime would in an invocation of its own. */
  const relay = async (context: Context) => service.outbox(await outbox.pending("orders", 100), context);
  return { service, lines, published, logger, relay };
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

  // The order's change reaches the outbox function in an invocation of its own (a stream batch, a
  // Firestore event): its trace is that invocation's, which order.created carries on to the consumer.
  it("carries the outbox invocation's trace into the order.created message and the consumer's logs", async () => {
    const { service, lines, published, logger, relay } = wired();
    await service.http(post(), { requestId: "r1", cloud: "local", logger });
    expect(published).toHaveLength(0);
    await relay({ requestId: "c1", cloud: "local", logger, traceparent: incoming });
    expect(published).toHaveLength(1);
    expect(parseTraceparent(published[0]!.traceparent)?.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");

    const message = {
      id: "m1",
      attempt: 1,
      body: JSON.stringify({ type: "order.created", orderId: published[0]!.orderId }),
      attributes: { traceparent: published[0]!.traceparent! },
    };
    await service.queue([message], { requestId: "q1", cloud: "local", logger });

    const traced = lines.filter((l) => ["order.created published", "order confirmed"].includes(l.message as string));
    expect(traced.map((l) => l.message)).toEqual(["order.created published", "order confirmed"]);
    for (const line of traced) expect(line.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });

  it("starts a trace when none arrives, and ignores a malformed traceparent", async () => {
    const { service, published, logger, relay } = wired();
    await service.http(post(), { requestId: "r1", cloud: "local", logger });
    await service.http(post(), { requestId: "r2", cloud: "local", logger });
    await relay({ requestId: "c1", cloud: "local", logger, traceparent: "00-zzzz-01" });
    const [a, b] = published.map((p) => parseTraceparent(p.traceparent)?.traceId);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it("records the metrics each cloud turns into counters and latencies, with logs at error", async () => {
    const { service } = wired();
    const logger = jsonLogger({ level: "error", write: () => {} });
    const recorded: string[] = [];
    const metrics: Metrics = { record: (name, value, unit) => void recorded.push(`${name} ${unit}${unit === "Count" ? ` ${value}` : ""}`) };
    const keyed = { ...post(), headers: { ...post().headers, "idempotency-key": "k" } };
    await service.http(keyed, { requestId: "r", cloud: "local", logger, metrics });
    await service.http(keyed, { requestId: "r", cloud: "local", logger, metrics });
    await service.queue([{ id: "bad", attempt: 1, body: "{" }], { requestId: "q", cloud: "local", logger, metrics });
    expect(recorded).toEqual([
      "OrdersCreated Count 1",
      "RequestLatency Milliseconds",
      "IdempotentReplays Count 1",
      "RequestLatency Milliseconds",
      "FailedMessages Count 1",
    ]);
  });
});
