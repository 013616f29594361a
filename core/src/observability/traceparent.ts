import { randomHex } from "../ports/entropy.js";

/** The parts of a W3C `traceparent` (version 00). */
export interface TraceParent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** The form nearly every caller sends: version 00, lower case, nothing around it. */
const CANONICAL = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  if (header !== undefined && CANONICAL.test(header)) {
    const traceId = header.slice(3, 35);
    const spanId = header.slice(36, 52);
    if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
    return { traceId, spanId, sampled: (parseInt(header.slice(53), 16) & 1) === 1 };
  }
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match || match[1] === "ff" || match[2] === ZERO_TRACE || match[3] === ZERO_SPAN) return undefined;
  return { traceId: match[2]!, spanId: match[3]!, sampled: (parseInt(match[4]!, 16) & 1) === 1 };
}

export function formatTraceparent({ traceId, spanId, sampled }: TraceParent): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

/** A new trace, for a request that arrived without one, so that the order still has a trace id. */
export function newTrace(): TraceParent {
  const hex = randomHex(24); // one draw for both ids: it is on every untraced request
  return { traceId: hex.slice(0, 32), spanId: hex.slice(32), sampled: false };
}

export function newTraceparent(): string {
  return formatTraceparent(newTrace());
}
