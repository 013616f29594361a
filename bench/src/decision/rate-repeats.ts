import { median, spreadOf } from "./interval.js";

/** A consumer's rate from one process, and its ratio to the hand-written consumer's in the same process. */
interface RateRow {
  consumer: string;
  ratio?: number;
}

/**
 * The rows of fresh processes, merged consumer by consumer: the rate is the median over the processes, and the
 * ratio's median and bootstrap interval come from the processes' ratios (each process one sample).
 */
export function mergedRates<R extends RateRow>(repeats: R[][], rate: keyof R & string): R[] {
  return repeats[0]!.map((row, i) => {
    const same = repeats.map((rows) => rows[i]!);
    return {
      ...row,
      [rate]: Math.round(median(same.map((r) => r[rate] as number))),
      ratio: median(same.map((r) => r.ratio!)),
      ratioSpread: spreadOf(same.map((r) => r.ratio!)),
    };
  });
}
