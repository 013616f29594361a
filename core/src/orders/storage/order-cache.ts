import type { Cache } from "../../ports/cache.js";
import type { Order } from "../order.js";
import { singleFlight } from "../../cache/single-flight.js";

/** How long a cached order lives unless SKYPORT_CACHE_TTL_SECONDS says: short, the bound on a stale entry left by a write the cache missed. */
export const ORDER_CACHE_TTL_SECONDS = 30;

/** A deleted order's entry: read as "no such order" until it expires or the id is made again. */
const DELETED = "";

/**
 * An order's place in its id's history: when it was made, then its version. Every write of an
 * order raises its version, and an order made again under a deleted one's id was made later,
 * so the newer state always ranks higher, whichever instance wrote it.
 */
function rank(createdAt: string, version: number): string {
  return `${String(Date.parse(createdAt)).padStart(15, "0")}${String(version).padStart(9, "0")}`;
}

const keyOf = (id: string) => `skyport:order:${id}`;

/**
 * Cache-aside reads of orders, kept right by the order store's writes. Each entry carries its
 * order's rank, and the cache keeps the higher of two: a write replaces the entry with the order
 * it wrote (or a deleted marker) before it answers, and a reader that read the store before that
 * write and fills the cache after it cannot put the older order back. A write the cache missed
 * (the cache was down) can leave a stale entry for at most the TTL.
 */
export interface OrderCache {
  /** The order from the cache, else from `load` (one load per id at a time), which fills the cache. */
  read(id: string, load: () => Promise<Order | null>): Promise<Order | null>;
  /** After a create or an update: the order as written. */
  written(order: Order): Promise<void>;
  /** After a delete of the order made at `createdAt` in version `version`. */
  deleted(id: string, createdAt: string, version: number): Promise<void>;
  /** After a write whose outcome is unknown (its answer was lost): drops the entry. */
  unsure(id: string): Promise<void>;
}

/** The order cache (`OrderCache`) over any cache, its entries kept for `ttlSeconds` (30 unless given). */
export function orderCache(cache: Cache, { ttlSeconds = ORDER_CACHE_TTL_SECONDS }: { ttlSeconds?: number } = {}): OrderCache {
  const loading = singleFlight<Order | null>();
  // A write forgets the load in flight: a read that starts after the write must not join one that started before it.
  const forget = (id: string) => loading.forget(id);
  const fill = async (id: string, load: () => Promise<Order | null>) => {
    const order = await load();
    if (order) await cache.set(keyOf(id), JSON.stringify(order), { ttlSeconds, rank: rank(order.createdAt, order.version) });
    return order;
  };
  return {
    async read(id, load) {
      const cached = await cache.get(keyOf(id));
      if (cached !== undefined) return cached === DELETED ? null : (JSON.parse(cached) as Order);
      return loading.run(id, () => fill(id, load));
    },
    async written(order) {
      forget(order.id);
      await cache.set(keyOf(order.id), JSON.stringify(order), { ttlSeconds, rank: rank(order.createdAt, order.version) });
    },
    async deleted(id, createdAt, version) {
      forget(id);
      await cache.set(keyOf(id), DELETED, { ttlSeconds, rank: rank(createdAt, version + 1) });
    },
    async unsure(id) {
      forget(id);
      await cache.delete(keyOf(id));
    },
  };
}
