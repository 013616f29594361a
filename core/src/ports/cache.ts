/** How long an entry lives, and whether it may replace the one there. */
export interface CacheSetOptions {
  /** Seconds until the entry expires (at least 1). */
  ttlSeconds: number;
  /**
   * The entry's place in its key's history: a string of digits, all of one width. With a rank, the
   * value is kept unless the entry there has a higher one, so a late writer of an older value
   * (a slow reader filling a miss) cannot replace a newer one. Without, the value replaces any entry.
   */
  rank?: string;
  /**
   * Only if no entry is there: how a reader fills a miss when writes carry no rank (their versions
   * are not ordered), so a reader that read the store before a write cannot replace the entry that write set.
   */
  ifAbsent?: boolean;
}

/**
 * A shared cache of strings with a time to live: memory in one process (`memoryCache`), Redis
 * across instances (`@skyport/redis`). A cache is an optimisation: callers wrap it in
 * `boundedCache`, so that a cache down or slow costs a metric, never a request.
 */
export interface Cache {
  /** The value under `key`, or undefined when there is none or it expired. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options: CacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases the client (connections, timers). */
  close(): Promise<void>;
}

/** Whether an entry of rank `held` keeps its place against a value of rank `incoming` (digits of one width: the longer, or the greater, is higher). */
export function outranks(held: string, incoming: string): boolean {
  return held.length > incoming.length || (held.length === incoming.length && held > incoming);
}
