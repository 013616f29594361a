import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from "@opentelemetry/api";
import { formatTraceparent, newTraceparent, parseTraceparent } from "./traceparent.js";

const tracer = trace.getTracer("skyport");

/**
 * Runs `work` in an OpenTelemetry span that continues the incoming trace. Without an SDK
 * registered the span records nothing and costs nothing, and the trace id passes through; with
 * one, the user's exporter sees Skyport's spans. `work` gets the traceparent to hand on.
 */
export function inSpan<T>(name: string, kind: "server" | "consumer", traceparent: string | undefined, work: (traceparent: string) => Promise<T>): Promise<T> {
  const parent = parseTraceparent(traceparent) ?? parseTraceparent(newTraceparent())!;
  const parentContext = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parent.traceId,
    spanId: parent.spanId,
    traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
  return tracer.startActiveSpan(name, { kind: kind === "server" ? SpanKind.SERVER : SpanKind.CONSUMER }, parentContext, async (span) => {
    try {
      const { traceId, spanId, traceFlags } = span.spanContext();
      return await work(formatTraceparent({ traceId, spanId, sampled: (traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED }));
    } finally {
      span.end();
    }
  });
}
