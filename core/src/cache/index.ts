export { type Cache, type CacheSetOptions, outranks } from "../ports/cache.js";
export { memoryCache } from "./memory-cache.js";
export { boundedCache, CacheTimeout, type CacheFailure } from "./bounded-cache.js";
export { readCacheSettings, CACHE_KINDS, CACHE_TIMEOUT_MS, type CacheKind, type CacheSettings } from "./settings.js";
export { orderCacheOn, CACHE_FAILURES_METRIC } from "./order-cache-on.js";
export { orderCache, ORDER_CACHE_TTL_SECONDS, type OrderCache } from "../orders/storage/order-cache.js";
