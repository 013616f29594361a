import type { Logger, Metrics } from "@skyport/core";
import { type CacheSettings, memoryCache, orderCacheOn, type OrderCache } from "@skyport/core/cache";

/**
 * The order cache SKYPORT_CACHE names, or none (the default): memory, this instance's own, or
 * Redis, whose client is imported only when chosen. `close` releases its connection.
 */
export async function loadOrderCache(
  settings: CacheSettings,
  { logger, metrics }: { logger: Logger; metrics?: Metrics },
): Promise<{ cache?: OrderCache; close(): Promise<void> }> {
  if (settings.kind === "none") return { close: async () => {} };
  const cache =
    settings.kind === "memory"
      ? memoryCache()
      : (await import("@skyport/redis")).redisCache({
          url: settings.redisUrl!,
          timeoutMs: settings.timeoutMs,
          // The client reconnects by itself; what a failure costs is counted where it is met (CacheFailures).
          onError: () => {},
        });
  return { cache: orderCacheOn(cache, settings, { logger, metrics }), close: () => cache.close() };
}
