/** A seeded PRNG (mulberry32): the same seed makes the same choices, so a failing campaign replays. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
  };
}

/** SKYPORT_FAULTS_SEED when given (to replay a run), else a new one. */
export function campaignSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.SKYPORT_FAULTS_SEED;
  if (given === undefined || given === "") return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`SKYPORT_FAULTS_SEED must be an integer 0-4294967295, not ${given}`);
  return seed;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
