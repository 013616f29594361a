import { describe, expect, it } from "vitest";
import { formatTraceparent, parseTraceparent, validTraceparent } from "../src/index.js";

// W3C Trace Context, "traceparent Header Field Values": the one parser every adapter uses.
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
const VALID = `00-${TRACE}-${SPAN}-01`;

describe("parseTraceparent", () => {
  it("reads a valid header: the ids and the sampled flag", () => {
    expect(parseTraceparent(VALID)).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.sampled).toBe(false);
    // Only bit 0 is "sampled"; other flag bits do not make a trace sampled.
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-02`)?.sampled).toBe(false);
    expect(parseTraceparent(` ${VALID}\t`)).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
  });

  it("refuses version ff, which the spec forbids", () => {
    expect(parseTraceparent(`ff-${TRACE}-${SPAN}-01`)).toBeUndefined();
  });

  it("reads a later version's four fields and ignores what it adds after a dash", () => {
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01-more`)).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01`)).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01more`)).toBeUndefined();
  });

  it("refuses version 00 with anything after the flags", () => {
    expect(parseTraceparent(`${VALID}-more`)).toBeUndefined();
  });

  it("refuses an all-zero trace id or span id", () => {
    expect(parseTraceparent(`00-${"0".repeat(32)}-${SPAN}-01`)).toBeUndefined();
    expect(parseTraceparent(`00-${TRACE}-${"0".repeat(16)}-01`)).toBeUndefined();
  });

  it("refuses upper-case hex in any field (the spec allows lower case only)", () => {
    expect(parseTraceparent(`00-${TRACE.toUpperCase()}-${SPAN}-01`)).toBeUndefined();
    expect(parseTraceparent(`00-${TRACE}-${SPAN.toUpperCase()}-01`)).toBeUndefined();
    expect(parseTraceparent(`0A-${TRACE}-${SPAN}-01`)).toBeUndefined();
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-0A`)).toBeUndefined();
  });

  it("refuses fields of the wrong length, and what is not a traceparent at all", () => {
    for (const header of [
      `0-${TRACE}-${SPAN}-01`,
      `000-${TRACE}-${SPAN}-01`,
      `00-${TRACE.slice(1)}-${SPAN}-01`,
      `00-${TRACE}0-${SPAN}-01`,
      `00-${TRACE}-${SPAN.slice(1)}-01`,
      `00-${TRACE}-${SPAN}0-01`,
      `00-${TRACE}-${SPAN}-1`,
      `00-${TRACE}-${SPAN}-001`,
      `00-${TRACE}-${SPAN}`,
      `00-${TRACE.slice(0, 31)}g-${SPAN}-01`,
      "",
      undefined,
    ]) {
      expect(parseTraceparent(header), String(header)).toBeUndefined();
    }
  });
});

describe("validTraceparent", () => {
  it("gives back a valid header as sent, without surrounding whitespace, and nothing for an invalid one", () => {
    expect(validTraceparent(` ${VALID} `)).toBe(VALID);
    expect(validTraceparent(`01-${TRACE}-${SPAN}-01-more`)).toBe(`01-${TRACE}-${SPAN}-01-more`);
    expect(validTraceparent(`ff-${TRACE}-${SPAN}-01`)).toBeUndefined();
    expect(validTraceparent(undefined)).toBeUndefined();
  });

  it("formats what it parses back to the same version 00 header", () => {
    expect(formatTraceparent(parseTraceparent(VALID)!)).toBe(VALID);
  });
});
