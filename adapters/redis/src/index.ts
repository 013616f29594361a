export { CacheOffline, redisCache, type RedisCacheOptions } from "./redis-cache.js";
