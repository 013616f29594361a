import { randomHex } from "../ports/entropy.js";

/** The parts of a W3C `traceparent` (version 00). */
export interface TraceParent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

/**
 * W3C Trace Context: lower-case hex only, each field its exact length; a later version may add
 * fields after a dash, version 00 may not.
 */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** The one traceparent parser: every adapter and core's spans read the header through it. */
export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, more] = match;
  // Version ff is forbidden; ids of all zeros are invalid; the spec says to ignore such a header.
  if (version === "ff" || (version === "00" && more !== undefined)) return undefined;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId: traceId!, spanId: spanId!, sampled: (parseInt(flags!, 16) & 1) === 1 };
}

/** The header as sent (without surrounding whitespace) when it is valid, else undefined. */
export function validTraceparent(header: string | undefined): string | undefined {
  return parseTraceparent(header) === undefined ? undefined : header!.trim();
}

/** The W3C `traceparent` header of a trace position, to continue the trace in a message or a call. */
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
