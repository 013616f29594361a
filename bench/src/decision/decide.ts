/** A target's limit: the figure must be at most, or at least, `value`. */
export interface Limit {
  bound: "at most" | "at least";
  value: number;
}

/** Met only when the whole interval is within the limit, missed only when it is wholly outside, undecided when it straddles. */
export type Decision = "met" | "missed" | "undecided";

export function decide([low, high]: readonly [number, number], { bound, value }: Limit): Decision {
  const [inside, outside] = bound === "at most" ? [high <= value, low > value] : [low >= value, high < value];
  return inside ? "met" : outside ? "missed" : "undecided";
}
