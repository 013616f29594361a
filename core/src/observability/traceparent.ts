import { randomBytesFromPool } from "../ports/entropy.js";

/** The parts of a W3C `traceparent` (version 00). */
export interface TraceParent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match || match[1] === "ff" || match[2] === ZERO_TRACE || match[3] === ZERO_SPAN) return undefined;
  return { traceId: match[2]!, spanId: match[3]!, sampled: (parseInt(match[4]!, 16) & 1) === 1 };
}

export function formatTraceparent({ traceId, spanId, sampled }: TraceParent): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

/** A new trace, for a request that arrived without one, so that the order still has a trace id. */
export function newTrace(): TraceParent {
  const hex = randomBytesFromPool(24).toString("hex"); // one call for both ids: it is on every untraced request
  return { traceId: hex.slice(0, 32), spanId: hex.slice(32), sampled: false };
}

export function newTraceparent(): string {
  return formatTraceparent(newTrace());
}
