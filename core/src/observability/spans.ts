import { ProxyTracerProvider, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from "@opentelemetry/api";
import { formatTraceparent, newTrace, parseTraceparent, type TraceParent } from "./traceparent.js";

const TRACER = "skyport";
const tracer = trace.getTracer(TRACER);

/**
 * True while no OpenTelemetry SDK is registered: the API would hand out a no-op span that only
 * carries its parent's ids, so the span can be skipped with the same result.
 */
function tracingOff(): boolean {
  const provider = trace.getTracerProvider();
  return provider instanceof ProxyTracerProvider && provider.getDelegateTracer(TRACER) === undefined;
}

/**
 * Runs `work` in an OpenTelemetry span that continues the incoming trace. Without an SDK
 * registered the span records nothing and costs nothing, and the trace id passes through; with
 * one, the user's exporter sees Skyport's spans. `work` gets the traceparent to hand on, and its parts.
 */
export function inSpan<T>(
  name: string,
  kind: "server" | "consumer",
  traceparent: string | undefined,
  work: (traceparent: string, span: TraceParent) => Promise<T>,
): Promise<T> {
  const parent = parseTraceparent(traceparent) ?? newTrace();
  if (tracingOff()) return work(formatTraceparent(parent), parent);
  const parentContext = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parent.traceId,
    spanId: parent.spanId,
    traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
  return tracer.startActiveSpan(name, { kind: kind === "server" ? SpanKind.SERVER : SpanKind.CONSUMER }, parentContext, async (span) => {
    try {
      const { traceId, spanId, traceFlags } = span.spanContext();
      const current = { traceId, spanId, sampled: (traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED };
      return await work(formatTraceparent(current), current);
    } finally {
      span.end();
    }
  });
}
