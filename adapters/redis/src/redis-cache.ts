import { createClient } from "@redis/client";
import type { Cache } from "@skyport/core/cache";
import { RANKED_SET_SCRIPT, entryValue } from "./ranked-set.js";

export interface RedisCacheOptions {
  /** `redis://` or `rediss://` (TLS), with the user and password where the cloud's auth needs them (SKYPORT_REDIS_URL). */
  url: string;
  /** The bound on connecting and on each command (SKYPORT_CACHE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Told of the client's connection errors (it reconnects by itself); they fail no request. */
  onError?: (error: Error) => void;
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
export function redisCache({ url, timeoutMs, onError }: RedisCacheOptions): Cache {
  const client = createClient({
    url,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    commandOptions: { timeout: timeoutMs },
  });
  client.on("error", (error: Error) => onError?.(error));
  let connecting: Promise<unknown> | undefined;
  const open = async () => {
    // The first connection is awaited; later, the client reconnects by itself and commands fail fast meanwhile.
    connecting ??= client.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    if (!client.isReady) await connecting;
    return client;
  };
  return {
    async get(key) {
      const held = await (await open()).get(key);
      return held === null ? undefined : entryValue(held);
    },
    async set(key, value, { ttlSeconds, rank = "" }) {
      await (await open()).eval(RANKED_SET_SCRIPT, { keys: [key], arguments: [rank, value, String(ttlSeconds * 1000)] });
    },
    async delete(key) {
      await (await open()).del(key);
    },
    async close() {
      if (client.isOpen) client.destroy();
    },
  };
}
