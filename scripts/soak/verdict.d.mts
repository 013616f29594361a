// Types of verdict.mjs, for the TypeScript tests that hold it to its rules.

export interface SeriesBound {
  label: string;
  /** The most the series may grow across the measured window at the pace it keeps at the end. */
  maxGrowth: number;
  /** When given, growth up to this share of the fitted start passes too. */
  maxGrowthShare?: number;
}

export interface SeriesVerdict {
  name: string;
  label: string;
  pass: boolean;
  reason?: string;
  start?: number;
  end?: number;
  min?: number;
  max?: number;
  slopePerMinute?: number;
  growth?: number;
  limit?: number;
}

export interface SoakVerdict {
  pass: boolean;
  reason?: string;
  series: SeriesVerdict[];
}

export declare const WARM_UP_SHARE: number;
export declare const BOUNDS: Record<"rssMiB" | "fds" | "loopP50Ms" | "loopP99Ms", SeriesBound>;
export declare function fitLine(points: [number, number][]): { slope: number; at: (x: number) => number };
export declare function soakVerdict(
  samples: ({ seconds: number } & Record<string, number>)[],
  bounds?: Record<string, SeriesBound>,
  warmUpShare?: number,
): SoakVerdict;
