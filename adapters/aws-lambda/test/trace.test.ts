import { describe, expect, it } from "vitest";
import { traceparentOf, fromXRayHeader } from "../src/index.js";

describe("trace headers -> traceparent", () => {
  it("writes an X-Ray header as the same trace in W3C form", () => {
    expect(fromXRayHeader("Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1")).toBe(
      "00-5e9f0c651de4d666d4dd26aced652b6c-53995c3f42cd8ad8-01",
    );
    expect(fromXRayHeader("Sampled=0;Root=1-5E9F0C65-1DE4D666D4DD26ACED652B6C;Parent=53995C3F42CD8AD8")).toBe(
      "00-5e9f0c651de4d666d4dd26aced652b6c-53995c3f42cd8ad8-00",
    );
  });

  it("starts a span of its own when the X-Ray header has no parent", () => {
    expect(fromXRayHeader("Root=1-5e9f0c65-1de4d666d4dd26aced652b6c")).toMatch(/^00-5e9f0c651de4d666d4dd26aced652b6c-[0-9a-f]{16}-00$/);
  });

  it("ignores what is not an X-Ray header", () => {
    expect(fromXRayHeader("Root=2-5e9f0c65-1de4d666d4dd26aced652b6c")).toBeUndefined();
    expect(fromXRayHeader("Root=1-00000000-000000000000000000000000")).toBeUndefined();
    expect(fromXRayHeader("nonsense")).toBeUndefined();
  });

  it("prefers a valid traceparent to the X-Ray header, and falls back on an invalid one", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const xray = "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1";
    expect(traceparentOf(traceparent, xray)).toBe(traceparent);
    expect(traceparentOf("00-00000000000000000000000000000000-b7ad6b7169203331-01", xray)).toBe("00-5e9f0c651de4d666d4dd26aced652b6c-53995c3f42cd8ad8-01");
    expect(traceparentOf(undefined, undefined)).toBeUndefined();
  });

  it("reads the caller's traceparent by core's rules: upper case is not W3C, so X-Ray's header is used", () => {
    const xray = "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1";
    expect(traceparentOf("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01", xray)).toBe("00-5e9f0c651de4d666d4dd26aced652b6c-53995c3f42cd8ad8-01");
    expect(traceparentOf(" 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 ", xray)).toBe("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  });
});
