import { InvocationContext } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { traceparentOf } from "../src/index.js";

const invocation = (traceParent: string | undefined) =>
  new InvocationContext({ invocationId: "i-1", functionName: "api", traceContext: { traceParent, traceState: "", attributes: {} } });

describe("traceparentOf", () => {
  it("keeps the host's traceparent for the invocation (its span in Application Insights)", () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(traceparentOf(invocation(traceparent))).toBe(traceparent);
  });

  it("reads it by core's rules: nothing when it is missing or not valid W3C", () => {
    for (const traceParent of [
      undefined,
      "",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
    ]) {
      expect(traceparentOf(invocation(traceParent)), String(traceParent)).toBeUndefined();
    }
  });
});
