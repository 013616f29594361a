import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasLongDigitRun, jsonLogger } from "../src/ports/json-logger.js";

describe("the JSON logger's hot path", () => {
  it("finds a 13-digit run exactly where /\\d(?:[ -]?\\d){12}/ does (generated)", () => {
    // Mostly digits, so that long runs, broken and not, are common.
    const part = fc.oneof(
      { arbitrary: fc.constantFrom("0", "1", "4", "7", "9"), weight: 12 },
      { arbitrary: fc.constantFrom(" ", "-"), weight: 3 },
      { arbitrary: fc.constantFrom("--", "  ", " -", "a", '"', "."), weight: 1 },
    );
    const text = fc.array(part, { minLength: 8, maxLength: 40, size: "max" }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (line) => hasLongDigitRun(line) === /\d(?:[ -]?\d){12}/.test(line)),
      { numRuns: 2000 },
    );
  });

  it("redacts a card number in a nested field and in the message, and leaves the platform's ids alone", () => {
    const lines: string[] = [];
    const logger = jsonLogger({ level: "info", write: (line) => lines.push(line) });
    logger.info("failed", { error: { name: "Error", message: "card 4111 1111 1111 1111 declined" } });
    logger.info("card 4111111111111111 seen");
    logger.info("ok", { messageId: "4111111111111111" });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ error: { name: "Error", message: "card [redacted] declined" } }),
      expect.objectContaining({ message: "card [redacted] seen" }),
      expect.objectContaining({ messageId: "4111111111111111" }),
    ]);
  });

  it("merges a line's fields over its child's over its parent's, and leaves each as it was", () => {
    const lines: Record<string, unknown>[] = [];
    const parentFields = { cloud: "aws", requestId: "parent" };
    const root = jsonLogger({ level: "info", write: (line) => lines.push(JSON.parse(line)), fields: parentFields });
    const childFields = { requestId: "child", traceId: "t" };
    const child = root.child(childFields);
    child.info("one", { traceId: "line", orderId: "ord_1" });
    child.info("two");
    expect(lines).toEqual([
      { level: "info", message: "one", time: expect.any(String), cloud: "aws", requestId: "child", traceId: "line", orderId: "ord_1" },
      { level: "info", message: "two", time: expect.any(String), cloud: "aws", requestId: "child", traceId: "t" },
    ]);
    expect(parentFields).toEqual({ cloud: "aws", requestId: "parent" });
    expect(childFields).toEqual({ requestId: "child", traceId: "t" });
  });
});
