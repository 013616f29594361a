import type { Cache } from "../ports/cache.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import { boundedCache } from "./bounded-cache.js";
import type { CacheSettings } from "./settings.js";

/** The metric that counts cache calls that failed or took longer than the bound (the store answered). */
export const CACHE_FAILURES_METRIC = "CacheFailures";

/**
 * `cache` with each call bounded by the settings' timeout: a failure is a miss or a dropped write,
 * counted in CacheFailures, and the log says when the cache stops answering and when it answers again, not at every call.
 */
export function watchedCache(cache: Cache, settings: Pick<CacheSettings, "timeoutMs">, { logger, metrics }: { logger: Logger; metrics?: Metrics }): Cache {
  let failing = false;
  const answered = (): void => {
    if (!failing) return;
    failing = false;
    logger.info("cache answering again");
  };
  const watched: Cache = {
    get: async (key) => {
      const value = await cache.get(key);
      answered();
      return value;
    },
    set: (key, value, options) => cache.set(key, value, options).then(answered),
    delete: (key) => cache.delete(key).then(answered),
    close: () => cache.close(),
  };
  return boundedCache(watched, {
    timeoutMs: settings.timeoutMs,
    onFailure: ({ operation, error }) => {
      metrics?.record(CACHE_FAILURES_METRIC, 1, "Count");
      if (failing) return;
      failing = true;
      logger.warn("cache not answering: reads go to the store", { operation, error: error instanceof Error ? error.name : "unknown" });
    },
  });
}
