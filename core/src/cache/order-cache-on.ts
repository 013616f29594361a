import type { Metrics } from "../ports/metrics.js";
import type { Logger } from "../ports/logger.js";
import type { Cache } from "../ports/cache.js";
import { orderCache, type OrderCache } from "../orders/storage/order-cache.js";
import type { CacheSettings } from "./settings.js";
import { watchedCache } from "./watched-cache.js";

/** The order cache on `cache`, each call bounded and its failures counted and logged (`watchedCache`). */
export function orderCacheOn(cache: Cache, settings: CacheSettings, { logger, metrics }: { logger: Logger; metrics?: Metrics }): OrderCache {
  return orderCache(watchedCache(cache, settings, { logger, metrics }), { ttlSeconds: settings.ttlSeconds });
}
