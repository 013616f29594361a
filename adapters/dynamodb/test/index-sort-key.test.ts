import { compareKeys } from "@skyport/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cut, indexSortKey, lowerBoundOf, MAX_CODE_POINTS, upperBoundOf } from "../src/documents/index-sort-key.js";

/** Strings rich in what the encoding must survive: U+0000-U+0002 (its escape and terminator), astral and BMP characters. */
const text = fc
  .array(fc.constantFrom("\u0000", "\u0001", "\u0002", "a", "b", "é", "\u{FFFD}", "😀", "\u{10FFFF}"), { maxLength: 8 })
  .map((chars) => chars.join(""));
const key = fc.tuple(
  text,
  text.filter((s) => s !== ""),
  text.filter((s) => s !== ""),
);

/** The order the port promises: sort value, then each primary key field, in code point order. */
const tupleOrder = (a: string[], b: string[]) => {
  for (const [i, value] of a.entries()) {
    const order = compareKeys(value, b[i]!);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
};

describe("an index sort key", () => {
  it("orders as (sort value, primary key) in code point order, whatever characters they hold", () => {
    fc.assert(
      fc.property(key, key, ([s1, p1, k1], [s2, p2, k2]) => {
        expect(Math.sign(compareKeys(indexSortKey(s1, [p1, k1]), indexSortKey(s2, [p2, k2])))).toBe(tupleOrder([s1, p1, k1], [s2, p2, k2]));
      }),
      { numRuns: 2000 },
    );
  });

  it("is bounded by the sort conditions' bounds: gte/gt below, lte/lt above, a prefix kept", () => {
    fc.assert(
      fc.property(key, text, ([sort, partition, id], operand) => {
        const stored = indexSortKey(sort, [partition, id]);
        const order = compareKeys(sort, operand);
        if (order >= 0) expect(compareKeys(stored, lowerBoundOf(operand))).toBeGreaterThanOrEqual(0);
        if (order > 0) expect(compareKeys(stored, upperBoundOf(operand))).toBeGreaterThanOrEqual(0);
        if (order <= 0) expect(compareKeys(stored, upperBoundOf(operand))).toBeLessThanOrEqual(0);
        if (order < 0) expect(compareKeys(stored, lowerBoundOf(operand))).toBeLessThanOrEqual(0);
        if (sort.startsWith(operand)) expect(stored.startsWith(lowerBoundOf(operand))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("is cut by code points, which keeps the order (a cut by bytes would not), to at most 1024 bytes", () => {
    const long = fc.tuple(fc.integer({ min: 250, max: 260 }), text).map(([n, tail]) => "x".repeat(n) + tail);
    fc.assert(
      fc.property(long, long, (a, b) => {
        if (compareKeys(a, b) <= 0) expect(compareKeys(cut(a), cut(b))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
    const widest = "😀".repeat(MAX_CODE_POINTS + 10);
    expect(Buffer.byteLength(indexSortKey(widest, ["p"]), "utf8")).toBe(1024);
    // A cut at 1024 bytes would keep "a…abb" whole but drop the 😀 that straddles byte 1024, putting "a…a😀" below it.
    const [low, high] = [`${"a".repeat(1022)}bb`, `${"a".repeat(1022)}😀`];
    expect(compareKeys(cut(low), cut(high))).toBeLessThanOrEqual(0);
  });
});
