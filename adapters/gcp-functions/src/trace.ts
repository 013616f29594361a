import { validTraceparent } from "@skyport/core";

/** `TRACE_ID/SPAN_ID;o=OPTIONS`, the header Google's front end adds; SPAN_ID is decimal. */
const CLOUD_TRACE = /^([0-9a-fA-F]{32})\/(\d{1,20})(?:;o=(\d+))?$/;
const ZERO_TRACE = "0".repeat(32);
const MAX_SPAN = 2n ** 64n - 1n;

/** The W3C traceparent of a request: its own header if valid, else translated from X-Cloud-Trace-Context. */
export function traceparentOf(headers: Record<string, string>): string | undefined {
  return validTraceparent(headers.traceparent) ?? fromCloudTraceContext(headers["x-cloud-trace-context"]);
}

/** X-Cloud-Trace-Context -> traceparent: Cloud Trace's own format, so it is translated here, not in core. */
export function fromCloudTraceContext(header: string | undefined): string | undefined {
  const match = header?.trim().match(CLOUD_TRACE);
  if (!match) return undefined;
  const [, traceId, spanDecimal, options] = match;
  const span = BigInt(spanDecimal!);
  if (span === 0n || span > MAX_SPAN || traceId === ZERO_TRACE) return undefined;
  const sampled = options !== undefined && (Number(options) & 1) === 1;
  return `00-${traceId!.toLowerCase()}-${span.toString(16).padStart(16, "0")}-${sampled ? "01" : "00"}`;
}
