import { type Cache, outranks } from "../ports/cache.js";
import type { Clock } from "../ports/clock.js";
import { systemClock } from "../ports/clock.js";

/** The cache of one process: entries expire by `clock`, and the oldest is dropped past `maxEntries`. */
export function memoryCache({ clock = systemClock, maxEntries = 10_000 }: { clock?: Clock; maxEntries?: number } = {}): Cache {
  const entries = new Map<string, { value: string; rank: string | undefined; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= clock.now().getTime()) entries.delete(key);
    return entries.get(key);
  };
  return {
    async get(key) {
      return live(key)?.value;
    },
    async set(key, value, { ttlSeconds, rank, ifAbsent }) {
      const held = live(key);
      if (ifAbsent && held) return;
      if (rank !== undefined && held?.rank !== undefined && outranks(held.rank, rank)) return;
      entries.delete(key);
      entries.set(key, { value, rank, expiresAt: clock.now().getTime() + ttlSeconds * 1000 });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async delete(key) {
      entries.delete(key);
    },
    async close() {
      entries.clear();
    },
  };
}
