export { type Cache, type CacheSetOptions, outranks } from "../ports/cache.js";
export { memoryCache } from "./memory-cache.js";
export { boundedCache, CacheTimeout, type CacheFailure } from "./bounded-cache.js";
export {
  readCacheSettings,
  CACHE_KINDS,
  CACHE_TIMEOUT_MS,
  CACHE_TTL_SECONDS,
  REDIS_AUTHS,
  type CacheKind,
  type CacheSettings,
  type RedisAuth,
} from "./settings.js";
export { watchedCache, CACHE_FAILURES_METRIC } from "./watched-cache.js";
export { cacheFrom, type RedisCacheFactory, type RedisCacheLoader } from "./cache-from.js";
export { cachedCollection } from "./cached-collection.js";
