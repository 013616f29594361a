// The soak's verdict: after a warm-up, a least-squares line through the last part of each series; a
// series fails when that line's slope, kept up across the whole measured window, exceeds its bound.
// Noise around a flat line passes, a steady climb (a leak) fails, however jagged, and so does a
// climb still going at the end; a climb that levels off (caches, the heap and the allocator
// reaching their size) passes, however long it took.

/** The part of the run, from its start, left out of the fit: start-up, JIT and caches filling. */
export const WARM_UP_SHARE = 0.2;

/** The last part of the measured window whose slope is judged: whether the series still grows at the end. */
export const TAIL_SHARE = 0.5;

/**
 * Bounds on the fitted growth across the measured window. RSS fails only when it grows by more
 * than both figures (a small heap growing by a fifth is not yet a leak, nor is 32 MiB on a large one).
 */
export const BOUNDS = {
  rssMiB: { label: "RSS (MiB)", maxGrowth: 32, maxGrowthShare: 0.2 },
  fds: { label: "open fds", maxGrowth: 10 },
  // The median catches a steady slowdown that the tail, a few blocked turns an interval on a busy machine, hides.
  loopP50Ms: { label: "event-loop p50 (ms)", maxGrowth: 10 },
  loopP99Ms: { label: "event-loop p99 (ms)", maxGrowth: 20 },
};

/** Least squares through (x, y) points: the slope and the line's value at x. */
export function fitLine(points) {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, at: (x) => meanY + slope * (x - meanX) };
}

/**
 * Judges samples `{ seconds, rssMiB, fds, loopP50Ms, loopP99Ms }` (other fields ignored) against `bounds`.
 * Each series reports its first and last value, min and max over the whole run, the fitted slope
 * per minute at the end and the growth it makes across the measured window; `pass` holds when every series does.
 */
export function soakVerdict(samples, bounds = BOUNDS, warmUpShare = WARM_UP_SHARE) {
  if (samples.length === 0) return { pass: false, reason: "no samples", series: [] };
  const first = samples[0].seconds;
  const last = samples.at(-1).seconds;
  const from = first + (last - first) * warmUpShare;
  const measured = samples.filter((sample) => sample.seconds >= from);
  if (measured.length < 3) return { pass: false, reason: `${measured.length} samples after the warm-up; the fit needs 3`, series: [] };
  const series = Object.entries(bounds).map(([name, bound]) => {
    const values = samples.map((sample) => sample[name]).filter(Number.isFinite);
    const points = measured.filter((sample) => Number.isFinite(sample[name])).map((sample) => [sample.seconds, sample[name]]);
    if (points.length < 3) return { name, label: bound.label, pass: false, reason: `${points.length} values of ${name} after the warm-up` };
    const span = points.at(-1)[0] - points[0][0];
    const tail = points.filter(([seconds]) => seconds >= points.at(-1)[0] - span * TAIL_SHARE);
    const line = fitLine(tail.length >= 3 ? tail : points);
    const fittedStart = fitLine(points).at(points[0][0]);
    // The growth the series would show across the measured window at the pace it keeps at the end.
    const growth = line.slope * span;
    const limit = Math.max(bound.maxGrowth, bound.maxGrowthShare === undefined ? 0 : bound.maxGrowthShare * fittedStart);
    return {
      name,
      label: bound.label,
      start: values[0],
      end: values.at(-1),
      min: Math.min(...values),
      max: Math.max(...values),
      slopePerMinute: line.slope * 60,
      growth,
      limit,
      pass: growth <= limit,
    };
  });
  return { pass: series.every((s) => s.pass), series };
}
