import type { Metrics } from "../../ports/metrics.js";
import type { Logger } from "../../ports/logger.js";
import type { Cache } from "../../ports/cache.js";
import type { Env } from "../../config/env.js";
import { orderCache, ORDER_CACHE_TTL_SECONDS, type OrderCache } from "./order-cache.js";
import { readCacheSettings, type CacheSettings } from "../../cache/settings.js";
import { watchedCache } from "../../cache/watched-cache.js";

/** The order cache on `cache`, each call bounded and its failures counted and logged (`watchedCache`). */
export function orderCacheOn(cache: Cache, settings: CacheSettings, { logger, metrics }: { logger: Logger; metrics?: Metrics }): OrderCache {
  return orderCache(watchedCache(cache, settings, { logger, metrics }), { ttlSeconds: settings.ttlSeconds });
}

/** The cache's settings for the order cache: SKYPORT_CACHE_TTL_SECONDS, else the order cache's own TTL (`ORDER_CACHE_TTL_SECONDS`). */
export function readOrderCacheSettings(env: Env): CacheSettings {
  return readCacheSettings(env, { ttlSeconds: ORDER_CACHE_TTL_SECONDS });
}
