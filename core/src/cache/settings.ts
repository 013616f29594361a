import { ConfigError, type Env, envReader } from "../config/env.js";

/** SKYPORT_CACHE's values: no cache, this process's memory, or Redis. */
export const CACHE_KINDS = ["none", "memory", "redis"] as const;
/** One of SKYPORT_CACHE's values. */
export type CacheKind = (typeof CACHE_KINDS)[number];

/**
 * How the Redis client signs in: `password`, the URL's user and password (or none: access is the
 * network's); else a token for the function's identity, each on its own cloud.
 */
export const REDIS_AUTHS = ["password", "elasticache-iam", "entra-id", "memorystore-iam"] as const;
/** One of SKYPORT_REDIS_AUTH's values. */
/** One of REDIS_AUTHS. */
export type RedisAuth = (typeof REDIS_AUTHS)[number];

/** The longest a cache call may hold a request unless SKYPORT_CACHE_TIMEOUT_MS says: a cache in the function's own network answers in a millisecond or two. */
export const CACHE_TIMEOUT_MS = 250;

/** How long an entry lives unless SKYPORT_CACHE_TTL_SECONDS or the app says: short, the bound on a stale entry left by a write the cache missed. */
export const CACHE_TTL_SECONDS = 30;

/** The cache's settings, read from the environment at start. */
export interface CacheSettings {
  /** SKYPORT_CACHE: none (the default), memory (this process only) or redis. */
  kind: CacheKind;
  /** SKYPORT_REDIS_URL, for redis: `redis://` or `rediss://` (TLS), with the user and password where the cloud's auth needs them. */
  redisUrl?: string;
  /** SKYPORT_REDIS_AUTH, for redis: `password` (the default) or the cloud's token for the function's identity. */
  redisAuth?: RedisAuth;
  /** SKYPORT_CACHE_TTL_SECONDS: how long an entry lives. */
  ttlSeconds: number;
  /** SKYPORT_CACHE_TIMEOUT_MS: the bound on each cache call (connect and command); past it the store answers. */
  timeoutMs: number;
}

/**
 * Reads the cache's settings; a wrong SKYPORT_REDIS_URL is named without its value, which may hold a password.
 * `defaults.ttlSeconds`: the app's own TTL where SKYPORT_CACHE_TTL_SECONDS says none (`CACHE_TTL_SECONDS` otherwise).
 */
export function readCacheSettings(env: Env, defaults: { ttlSeconds?: number } = {}): CacheSettings {
  const read = envReader(env);
  const kind = read.oneOf("SKYPORT_CACHE", CACHE_KINDS, "none");
  const ttlSeconds = read.integer("SKYPORT_CACHE_TTL_SECONDS", 1, 3600, defaults.ttlSeconds ?? CACHE_TTL_SECONDS);
  const timeoutMs = read.integer("SKYPORT_CACHE_TIMEOUT_MS", 1, 60_000, CACHE_TIMEOUT_MS);
  if (kind !== "redis") return { kind, ttlSeconds, timeoutMs };
  const redisUrl = read.optional("SKYPORT_REDIS_URL");
  if (!redisUrl || !/^rediss?:\/\/[^/\s]+/.test(redisUrl)) {
    throw new ConfigError("SKYPORT_REDIS_URL", "a redis:// or rediss:// URL when SKYPORT_CACHE=redis", redisUrl && "(a value, not shown)");
  }
  return { kind, redisUrl, redisAuth: read.oneOf("SKYPORT_REDIS_AUTH", REDIS_AUTHS, "password"), ttlSeconds, timeoutMs };
}
