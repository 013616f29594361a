import { describe, expect, it } from "vitest";
import { traceparentOf } from "../src/index.js";

describe("traceparentOf", () => {
  it("keeps a valid W3C traceparent", () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(traceparentOf({ traceparent })).toBe(traceparent);
  });

  it("translates X-Cloud-Trace-Context: decimal span id to 16 hex digits, o=1 to sampled", () => {
    expect(traceparentOf({ "x-cloud-trace-context": "105445AA7843BC8BF206B12000100000/18446744073709551615;o=1" })).toBe(
      "00-105445aa7843bc8bf206b12000100000-ffffffffffffffff-01",
    );
    expect(traceparentOf({ "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/255" })).toBe("00-105445aa7843bc8bf206b12000100000-00000000000000ff-00");
  });

  it("reads traceparent by core's rules before Cloud Trace's header: an invalid one falls back", () => {
    const cloudTrace = "105445aa7843bc8bf206b12000100000/255;o=1";
    const fallback = "00-105445aa7843bc8bf206b12000100000-00000000000000ff-01";
    expect(traceparentOf({ traceparent: "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "x-cloud-trace-context": cloudTrace })).toBe(fallback);
    expect(traceparentOf({ traceparent: "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", "x-cloud-trace-context": cloudTrace })).toBe(fallback);
  });

  it("ignores headers that are not valid trace contexts", () => {
    const invalid: Record<string, string>[] = [
      { traceparent: "00-00000000000000000000000000000000-00f067aa0ba902b7-01" },
      { traceparent: "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
      { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra" },
      { "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/0;o=1" },
      { "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/18446744073709551616" },
      { "x-cloud-trace-context": "not-a-trace/1" },
      { traceparent: "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01" },
    ];
    for (const headers of invalid) {
      expect(traceparentOf(headers)).toBeUndefined();
    }
  });
});
