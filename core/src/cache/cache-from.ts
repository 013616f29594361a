import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { Cache } from "../ports/cache.js";
import { memoryCache } from "./memory-cache.js";
import type { CacheSettings, RedisAuth } from "./settings.js";
import { watchedCache } from "./watched-cache.js";

/** What `@skyport/redis` gives (`redisCache`, or a cloud's client with its auth): a Cache on the URL, connected on first use. */
export type RedisCacheFactory = (options: { url: string; timeoutMs: number; auth: RedisAuth; onError?: (error: Error) => void }) => Cache;

/** Imports the Redis client: called only when SKYPORT_CACHE=redis, so a build without the cache on never loads it. */
export type RedisCacheLoader = () => Promise<RedisCacheFactory>;

/**
 * The cache SKYPORT_CACHE names, bounded and watched (`watchedCache`): none (the default: undefined),
 * memory (this instance's own) or Redis, whose client `redis` imports only then. A target that
 * gives no loader offers no Redis: SKYPORT_CACHE=redis there is a configuration error, found at start by `readCacheSettings`' caller.
 */
export async function cacheFrom(
  settings: CacheSettings,
  { redis, logger, metrics }: { redis?: RedisCacheLoader; logger: Logger; metrics?: Metrics },
): Promise<Cache | undefined> {
  if (settings.kind === "none") return undefined;
  if (settings.kind === "redis" && !redis) throw new Error("SKYPORT_CACHE=redis on a target that offers no Redis cache");
  const cache =
    settings.kind === "memory"
      ? memoryCache()
      : // The client reconnects by itself; what a failure costs is counted where it is met (CacheFailures).
        (await redis!())({ url: settings.redisUrl!, timeoutMs: settings.timeoutMs, auth: settings.redisAuth ?? "password", onError: () => {} });
  return watchedCache(cache, settings, { logger, metrics });
}
