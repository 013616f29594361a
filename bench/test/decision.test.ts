import { describe, expect, it } from "vitest";
import { agreement } from "../src/decision/agreement.js";
import { decide } from "../src/decision/decide.js";
import { median, spreadOf } from "../src/decision/interval.js";

describe("a target's decision from its interval", () => {
  const atMost = { bound: "at most", value: 1.3 } as const;
  const atLeast = { bound: "at least", value: 0.9 } as const;

  it("is met only when the whole interval is within the limit", () => {
    expect(decide([1.1, 1.3], atMost)).toBe("met");
    expect(decide([0.9, 1.2], atLeast)).toBe("met");
  });

  it("is missed only when the whole interval is outside the limit", () => {
    expect(decide([1.31, 1.5], atMost)).toBe("missed");
    expect(decide([0.5, 0.89], atLeast)).toBe("missed");
  });

  it("is undecided when the interval straddles the limit, whichever side its median is on", () => {
    expect(decide([1.2, 1.4], atMost)).toBe("undecided");
    expect(decide([1.29, 1.31], atMost)).toBe("undecided");
    expect(decide([0.85, 0.95], atLeast)).toBe("undecided");
  });
});

describe("the bootstrap interval of the median", () => {
  it("holds the median, within the least and greatest repeat, and is the same for the same repeats", () => {
    const samples = [1.21, 1.35, 1.28, 1.19, 1.4, 1.25, 1.31];
    const { median: middle, interval } = spreadOf(samples);
    expect(middle).toBe(1.28);
    expect(interval[0]).toBeLessThanOrEqual(middle);
    expect(interval[1]).toBeGreaterThanOrEqual(middle);
    expect(interval[0]).toBeGreaterThanOrEqual(1.19);
    expect(interval[1]).toBeLessThanOrEqual(1.4);
    expect(interval[1] - interval[0]).toBeGreaterThan(0);
    expect(spreadOf(samples).interval).toEqual(interval);
  });

  it("is one point for one repeat, and narrows as agreeing repeats are added", () => {
    expect(spreadOf([1.2]).interval).toEqual([1.2, 1.2]);
    const few = spreadOf([1.0, 1.1, 1.2, 1.3, 1.4]);
    const many = spreadOf(Array.from({ length: 8 }, () => [1.0, 1.1, 1.2, 1.3, 1.4]).flat());
    expect(many.interval[1] - many.interval[0]).toBeLessThan(few.interval[1] - few.interval[0]);
  });

  it("takes the mean of the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("two full runs' agreement", () => {
  const row = (target: string, status: "met" | "missed" | "undecided") => ({ target, status });

  it("counts the targets decided in both and finds none decided otherwise when each is met or missed alike", () => {
    const first = [row("a", "met"), row("b", "missed"), row("c", "undecided"), row("d", "met")];
    const second = [row("a", "met"), row("b", "missed"), row("c", "met"), row("d", "undecided")];
    expect(agreement(first, second)).toEqual({ decidedInBoth: 2, disagreements: [], decidedOnce: 2, unmatched: [] });
  });

  it("names a target met in one run and missed in the other, and the targets only one run has", () => {
    const result = agreement([row("a", "met"), row("gone", "met")], [row("a", "missed"), row("new", "undecided")]);
    expect(result.disagreements).toEqual([{ target: "a", previous: "met", now: "missed" }]);
    expect(result.unmatched.sort()).toEqual(["gone", "new"]);
  });
});
