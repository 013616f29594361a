export { redisCache, type RedisCacheOptions } from "./redis-cache.js";
