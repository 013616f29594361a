import { randomBytes } from "node:crypto";
import { SpanKind, TraceFlags, context, trace, type Context as OtelContext, type SpanContext, type SpanOptions, type Tracer } from "@opentelemetry/api";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryOutbox, silentLogger } from "../src/index.js";
import { createOrderService, MemoryOrderStore } from "../src/orders/index.js";
import { memoryOrderDeps } from "../src/orders/testing/index.js";
import { parseTraceparent } from "../src/observability/traceparent.js";

/** The smallest tracer an SDK registers through the API: each span gets a new id under its parent. */
function recordingTracer() {
  const spans: { name: string; kind?: SpanKind; parent?: SpanContext; spanId: string }[] = [];
  const tracer = {
    startSpan(name: string, options?: SpanOptions, ctx: OtelContext = context.active()) {
      const parent = trace.getSpanContext(ctx);
      const spanId = randomBytes(8).toString("hex");
      spans.push({ name, kind: options?.kind, parent, spanId });
      return trace.wrapSpanContext({ traceId: parent?.traceId ?? randomBytes(16).toString("hex"), spanId, traceFlags: TraceFlags.SAMPLED });
    },
    startActiveSpan(name: string, ...args: unknown[]) {
      const fn = args.at(-1) as (span: ReturnType<Tracer["startSpan"]>) => unknown;
      const options = args.length > 1 ? (args[0] as SpanOptions) : undefined;
      const ctx = args.length > 2 ? (args[1] as OtelContext) : context.active();
      const span = tracer.startSpan(name, options, ctx);
      return context.with(trace.setSpan(ctx, span), fn, undefined, span);
    },
  };
  return { spans, tracer: tracer as unknown as Tracer };
}

describe("with an OpenTelemetry SDK registered", () => {
  const { spans, tracer } = recordingTracer();
  trace.setGlobalTracerProvider({ getTracer: () => tracer });
  afterAll(() => trace.disable());

  it("opens a server span under the request's trace, and a consumer span under the outbox invocation's, whose id order.created carries", async () => {
    const published: (string | undefined)[] = [];
    const outbox = new MemoryOutbox();
    const service = createOrderService(
      memoryOrderDeps({ orders: new MemoryOrderStore(outbox), events: { publish: async (_event, traceparent) => void published.push(traceparent) } }),
    );
    const incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const body = Buffer.from('{"customerId":"cus_t","items":[{"sku":"A","quantity":1,"unitPrice":1}],"currency":"EUR"}');
    const response = await service.http(
      { method: "POST", path: "/orders", query: new URLSearchParams(), headers: { "content-type": "application/json" }, body },
      { requestId: "r1", cloud: "local", logger: silentLogger, traceparent: incoming },
    );

    expect(response.status).toBe(201);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      name: "POST",
      kind: SpanKind.SERVER,
      parent: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" },
    });
    expect(published).toEqual([]); // the HTTP function publishes nothing: the outbox does

    const invocation = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    await service.outbox(await outbox.pending("orders", 10), { requestId: "c1", cloud: "local", logger: silentLogger, traceparent: invocation });
    expect(spans).toHaveLength(2);
    expect(spans[1]).toMatchObject({
      name: "process orders",
      kind: SpanKind.CONSUMER,
      parent: { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331" },
    });
    expect(parseTraceparent(published[0])).toEqual({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: spans[1]!.spanId, sampled: true });
  });
});
