import type { Cache } from "../ports/cache.js";

/** What a bounded cache tells about a call that failed or took too long. */
export interface CacheFailure {
  operation: "get" | "set" | "delete";
  error: unknown;
}

/** A cache call that gave no answer within its time bound: `boundedCache` counts it as a miss or a dropped write. */
export class CacheTimeout extends Error {
  constructor(operation: string, timeoutMs: number) {
    super(`cache ${operation} gave no answer within ${timeoutMs} ms`);
    this.name = "CacheTimeout";
  }
}

/**
 * A cache that never fails its caller and never holds it longer than `timeoutMs`: a failed or late
 * `get` is a miss, a failed `set` or `delete` is dropped, and each is reported to `onFailure` (a metric).
 * The client's own timeouts end the call itself; this bound holds whatever the client does.
 */
export function boundedCache(cache: Cache, { timeoutMs, onFailure }: { timeoutMs: number; onFailure: (failure: CacheFailure) => void }): Cache {
  const bounded = async <T>(operation: CacheFailure["operation"], call: () => Promise<T>, fallback: T): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CacheTimeout(operation, timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([call(), late]);
    } catch (error) {
      onFailure({ operation, error });
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: (key) => bounded("get", () => cache.get(key), undefined),
    set: (key, value, options) => bounded("set", () => cache.set(key, value, options), undefined),
    delete: (key) => bounded("delete", () => cache.delete(key), undefined),
    close: () => cache.close(),
  };
}
