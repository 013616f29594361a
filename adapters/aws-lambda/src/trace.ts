import { randomHex, validTraceparent } from "@skyport/core";

const XRAY_ROOT = /(?:^|;)\s*Root=1-([0-9a-f]{8})-([0-9a-f]{24})(?:;|$)/i;
const XRAY_PARENT = /(?:^|;)\s*Parent=([0-9a-f]{16})(?:;|$)/i;
const XRAY_SAMPLED = /(?:^|;)\s*Sampled=1(?:;|$)/;

/**
 * The W3C traceparent of an invocation: the caller's own `traceparent` when it sent a valid one,
 * else the X-Ray header (`Root=1-<epoch>-<id>;Parent=<span>;Sampled=<0|1>`) in W3C form, which
 * is the same trace id written differently.
 */
export function traceparentOf(traceparent: string | undefined, xrayHeader: string | undefined): string | undefined {
  return validTraceparent(traceparent) ?? (xrayHeader === undefined ? undefined : fromXRayHeader(xrayHeader));
}

/** X-Ray's trace header -> traceparent: X-Ray's own format, so it is translated here, not in core. */
export function fromXRayHeader(header: string): string | undefined {
  const root = XRAY_ROOT.exec(header);
  if (!root) return undefined;
  const traceId = (root[1]! + root[2]!).toLowerCase();
  if (/^0+$/.test(traceId)) return undefined;
  // Without a Parent (tracing off at the caller) this invocation starts the span chain itself.
  const parent = XRAY_PARENT.exec(header)?.[1]?.toLowerCase() ?? randomHex(8);
  const flags = XRAY_SAMPLED.test(header) ? "01" : "00";
  return `00-${traceId}-${parent}-${flags}`;
}

/** The invocation's X-Ray header, which the runtime sets per invocation when tracing is active. */
export function invocationTraceHeader(): string | undefined {
  return process.env._X_AMZN_TRACE_ID || undefined;
}
