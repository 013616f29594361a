import { ConfigError, type Cloud, type Logger, type Metrics } from "@skyport/core";
import { type CacheSettings, cacheFrom, type RedisAuth, type RedisCacheLoader } from "@skyport/core/cache";
import { orderCache, type OrderCache } from "@skyport/core/orders";

/** Imports the Redis cache's client: given by the targets that offer the cache, called only when SKYPORT_CACHE=redis. */
export type RedisLoader = RedisCacheLoader;

/** The settings, when the target offers the cache they name: SKYPORT_CACHE=redis where it offers no Redis fails the start. */
export function offeredCache(settings: CacheSettings, target: { cloud: Cloud; redis?: RedisLoader; redisAuths?: readonly RedisAuth[] }): CacheSettings {
  if (settings.kind !== "redis") return settings;
  if (!target.redis) {
    throw new ConfigError(
      "SKYPORT_CACHE",
      `none or memory: the order service's ${target.cloud} build offers no Redis cache (its template offers none)`,
      "redis",
    );
  }
  const auths = target.redisAuths ?? ["password"];
  if (!auths.includes(settings.redisAuth ?? "password"))
    throw new ConfigError("SKYPORT_REDIS_AUTH", `one of ${auths.join(", ")} on ${target.cloud}`, settings.redisAuth);
  return settings;
}

/**
 * The order cache SKYPORT_CACHE names, or none (the default): memory, this instance's own, or
 * Redis, whose client `redis` imports only when chosen. `close` releases its connection.
 */
export async function loadOrderCache(
  settings: CacheSettings,
  { logger, metrics }: { logger: Logger; metrics?: Metrics },
  redis?: RedisLoader,
): Promise<{ cache?: OrderCache; close(): Promise<void> }> {
  const cache = await cacheFrom(settings, { redis, logger, metrics });
  if (!cache) return { close: async () => {} };
  return { cache: orderCache(cache, { ttlSeconds: settings.ttlSeconds }), close: () => cache.close() };
}
