/**
 * Bulk writes of one call may run in any order: a key repeated in `putMany` is written in rounds,
 * each holding a key at most once, so that the last value of a key is written last.
 */
export function upsertRounds<W>(writes: readonly W[], keyOf: (write: W) => string): W[][] {
  const rounds: W[][] = [];
  const seen = new Map<string, number>();
  for (const write of writes) {
    const key = keyOf(write);
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    if (round === rounds.length) rounds.push([]);
    rounds[round]!.push(write);
  }
  return rounds;
}
