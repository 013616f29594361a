import { context, trace, type Context as OtelContext, type Span, type SpanContext, type SpanOptions, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryIdempotencyStore, MemoryOrderStore, createOrderService, silentLogger, systemClock, ulidIds } from "../src/index.js";
import { neutralRequest } from "../src/testing/index.js";

/** What an OpenTelemetry SDK does for Skyport's purposes: makes child spans and records them. */
class RecordingTracer implements Tracer {
  readonly ended: { name: string; parent?: SpanContext; self: SpanContext }[] = [];

  startSpan(name: string, _options?: SpanOptions, ctx: OtelContext = context.active()): Span {
    const parent = trace.getSpanContext(ctx);
    const self: SpanContext = { traceId: parent?.traceId ?? randomBytes(16).toString("hex"), spanId: randomBytes(8).toString("hex"), traceFlags: 1 };
    const ended = this.ended;
    const span: Span = {
      spanContext: () => self,
      setAttribute: () => span,
      setAttributes: () => span,
      addEvent: () => span,
      addLink: () => span,
      addLinks: () => span,
      setStatus: () => span,
      updateName: () => span,
      end: () => void ended.push({ name, parent, self }),
      isRecording: () => true,
      recordException: () => {},
    };
    return span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...args: unknown[]): ReturnType<F> {
    const fn = args.at(-1) as F;
    const options = (args.length > 1 ? args[0] : undefined) as SpanOptions | undefined;
    const ctx = (args.length > 2 ? args[1] : context.active()) as OtelContext;
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), () => fn(span)) as ReturnType<F>;
  }
}

describe("with an OpenTelemetry SDK registered", () => {
  const tracer = new RecordingTracer();
  const provider: TracerProvider = { getTracer: () => tracer };
  trace.setGlobalTracerProvider(provider);
  afterAll(() => trace.disable());

  it("records a server span under the incoming trace and hands its own span id to order.created", async () => {
    const published: string[] = [];
    const service = createOrderService({
      orders: new MemoryOrderStore(),
      idempotency: new MemoryIdempotencyStore(),
      events: { publish: async (_event, traceparent) => void published.push(traceparent!) },
      clock: systemClock,
      ids: ulidIds(systemClock),
      retentionDays: 30,
      cleanupPageSize: 10,
    });
    const body = JSON.stringify({ customerId: "cus_otel", items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" });
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    await service.http(neutralRequest({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body }), {
      requestId: "r",
      cloud: "local",
      logger: silentLogger,
      traceparent,
    });
    expect(tracer.ended).toHaveLength(1);
    const [span] = tracer.ended;
    expect(span!.parent).toMatchObject({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", isRemote: true });
    expect(published).toEqual([`00-4bf92f3577b34da6a3ce929d0e0e4736-${span!.self.spanId}-01`]);
  });
});
