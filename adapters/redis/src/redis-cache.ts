import { createClient } from "@redis/client";
import type { Cache } from "@skyport/core/cache";
import { RANKED_SET_SCRIPT, entryValue } from "./ranked-set.js";
import { type CredentialsSource, refreshingCredentials } from "./refreshing-credentials.js";

/** How the Redis cache connects: its URL, its time bound, and who hears of connection errors. */
export interface RedisCacheOptions {
  /** `redis://` or `rediss://` (TLS), with the user and password where the cloud's auth needs them (SKYPORT_REDIS_URL). */
  url: string;
  /** The bound on connecting and on each command (SKYPORT_CACHE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Told of the client's connection errors (it reconnects by itself); they fail no request. */
  onError?: (error: Error) => void;
  /**
   * A cloud's token for the function's identity instead of a password in the URL (ElastiCache IAM,
   * Microsoft Entra ID, Memorystore IAM): each connection signs in with a fresh one, and again before it expires.
   */
  credentials?: CredentialsSource;
}

/** The client is not connected: the cache is unreachable, or its connection is being made again. */
export class CacheOffline extends Error {
  constructor() {
    super("the Redis client is not connected");
    this.name = "CacheOffline";
  }
}

/** The longest wait between two attempts to reconnect: a cache that comes back is used again within it. */
const MAX_RECONNECT_DELAY_MS = 1_000;
/** Commands waiting on one connection at most: past it a command fails at once rather than queue behind a stalled server. */
const MAX_QUEUED_COMMANDS = 1_000;

/**
 * A Cache on Redis (ElastiCache, Memorystore, Azure Managed Redis), connected on first use. A
 * command never waits for a connection: with no offline queue it fails at once while the client
 * is disconnected (the store answers), and the client reconnects in the background.
 */
export function redisCache({ url, timeoutMs, onError, credentials }: RedisCacheOptions): Cache {
  const client = createClient({
    url,
    ...(credentials && { credentialsProvider: refreshingCredentials(credentials, { onError }) }),
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    commandOptions: { timeout: timeoutMs },
  });
  client.on("error", (error: Error) => onError?.(error));
  // The first connection, waited for by the calls that come meanwhile, for one bound at most.
  let firstConnection: Promise<unknown> | undefined;
  let waitingForFirst = true;
  const open = async () => {
    if (client.isReady) return client;
    firstConnection ??= Promise.race([client.connect(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())])
      .catch(() => {})
      .finally(() => {
        waitingForFirst = false;
      });
    if (waitingForFirst) await firstConnection;
    // Not connected (the cache is unreachable, or the client is connecting again): the call fails at
    // once and the store answers, so a cache that is down costs a request nothing more.
    if (!client.isReady) throw new CacheOffline();
    return client;
  };
  return {
    async get(key) {
      const held = await (await open()).get(key);
      return held === null ? undefined : entryValue(held);
    },
    async set(key, value, { ttlSeconds, rank = "", ifAbsent = false }) {
      const args = [rank, value, String(Math.round(ttlSeconds * 1000)), ifAbsent ? "1" : "0"];
      await (await open()).eval(RANKED_SET_SCRIPT, { keys: [key], arguments: args });
    },
    async delete(key) {
      await (await open()).del(key);
    },
    async close() {
      if (client.isOpen) client.destroy();
    },
  };
}
