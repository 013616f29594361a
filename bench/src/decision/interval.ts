/** The middle of sorted values: the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A figure measured over repeats: the median of the repeats and the interval it lies in. */
export interface Spread {
  median: number;
  /** The bootstrap 95 % interval of the median: [low, high]. */
  interval: [number, number];
  /** The repeats it comes from: one figure per fresh process or per pair of runs. */
  samples: number[];
}

/** A small seeded generator (mulberry32): the same samples give the same interval, run after run and in `npm run readme`. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESAMPLES = 2000;

/**
 * The median of the repeats and its percentile bootstrap 95 % interval: the samples drawn again with
 * replacement 2,000 times, the median of each draw, and the 2.5th and 97.5th percentiles of those.
 * One repeat gives an interval of one point (a quick run).
 */
export function spreadOf(samples: readonly number[]): Spread {
  const random = seeded(29);
  const medians = Array.from({ length: RESAMPLES }, () => median(Array.from(samples, () => samples[Math.floor(random() * samples.length)]!))).sort(
    (a, b) => a - b,
  );
  const at = (p: number) => medians[Math.min(RESAMPLES - 1, Math.max(0, Math.round(p * (RESAMPLES - 1))))]!;
  return { median: median(samples), interval: [at(0.025), at(0.975)], samples: [...samples] };
}
