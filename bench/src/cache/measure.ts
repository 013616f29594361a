import { performance } from "node:perf_hooks";
import { type Documents, idempotencyCollection, silentLogger } from "@skyport/core";
import { readCacheSettings } from "@skyport/core/cache";
import { orderCacheOn, orderStoresOn, ordersCollection } from "@skyport/core/orders";
import { countedDocuments } from "@skyport/core/testing";
import { orderAt } from "@skyport/core/orders/testing";
import { redisCache } from "@skyport/redis";

export interface CacheCounts {
  /** Rounds measured; each gives one ratio. */
  rounds: number;
  /** Calls of each side per round. */
  calls: number;
  /** Rounds run first and not counted. */
  warmup: number;
}

/** GET /orders/{id}'s read on one store: a hit of the Redis cache against a read of the store, through the same order store. */
export interface CacheRow {
  store: string;
  on: string;
  /** Median over the rounds of each round's median, µs per read. */
  hitUs: number;
  storeUs: number;
  /** Median of the rounds' ratios (store read / cache hit of the same round), and their least and greatest. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
}

export interface CacheResult extends CacheCounts {
  command: string;
  startedAt: string;
  /** The machine's 1-minute load average when the run began and when it ended. */
  loadAverage: [number, number];
  rows: CacheRow[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * One order read over and over, in turn from the cache (`{ cached: true }`, a hit: the create put
 * it there) and from the store (a plain get), sides alternating which goes first. The store's own
 * read count proves every hit was one: it must equal the store side's reads.
 */
export async function measureCacheOn(store: { store: string; on: string; documents: Documents }, redisUrl: string, counts: CacheCounts): Promise<CacheRow> {
  await store.documents.ensure([ordersCollection, idempotencyCollection]);
  const counted = countedDocuments(store.documents);
  // An hour's TTL: the entry must outlive the run (a store read at a loaded emulator's pace takes minutes for all rounds).
  const settings = readCacheSettings({
    SKYPORT_CACHE: "redis",
    SKYPORT_REDIS_URL: redisUrl,
    SKYPORT_CACHE_TIMEOUT_MS: "2000",
    SKYPORT_CACHE_TTL_SECONDS: "3600",
  });
  const cache = redisCache({ url: redisUrl, timeoutMs: settings.timeoutMs });
  let failures = 0;
  const metrics = { record: () => void failures++ };
  const { orders } = orderStoresOn(counted.documents, { cache: orderCacheOn(cache, settings, { logger: silentLogger, metrics }) });
  const order = orderAt(new Date());
  await orders.create(order);
  const readsBefore = counted.byCall.get;
  const sides = [() => orders.get(order.id, { cached: true }), () => orders.get(order.id)];
  const perRound: { hitUs: number; storeUs: number }[] = [];
  let storeReads = 0;
  try {
    for (let round = -counts.warmup; round < counts.rounds; round++) {
      const samples: number[][] = [[], []];
      const turn = Math.abs(round) % 2 === 0 ? [0, 1] : [1, 0];
      for (let call = 0; call < counts.calls; call++) {
        for (const side of turn) {
          const started = performance.now();
          const read = await sides[side]!();
          samples[side]!.push((performance.now() - started) * 1000);
          if (read?.version !== order.version) throw new Error(`cache bench: ${store.store} read ${JSON.stringify(read)}`);
          if (side === 1) storeReads++;
        }
      }
      if (round >= 0) perRound.push({ hitUs: median(samples[0]!), storeUs: median(samples[1]!) });
    }
  } finally {
    await cache.close();
  }
  if (counted.byCall.get - readsBefore !== storeReads || failures > 0) {
    throw new Error(`cache bench: ${store.store}: ${counted.byCall.get - readsBefore} store reads for ${storeReads} plain reads, ${failures} cache failures`);
  }
  const ratios = perRound.map((r) => r.storeUs / r.hitUs);
  return {
    store: store.store,
    on: store.on,
    hitUs: median(perRound.map((r) => r.hitUs)),
    storeUs: median(perRound.map((r) => r.storeUs)),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
  };
}
