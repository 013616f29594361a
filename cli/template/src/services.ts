import {
  cachedSecrets,
  ConfigError,
  idempotencyCollection,
  jsonLogger,
  lazyDocuments,
  readLogLevel,
  systemClock,
  type AppInstance,
  type AppProblems,
  type Cloud,
  type Clock,
  type Collection,
  type DocumentsLoader,
  type Env,
  type IdempotencyDocument,
  type JsonLoggerOptions,
  type Metrics,
  type Platform,
  type Secrets,
  type StoreKind,
} from "@skyport/core";
import { cacheFrom, cachedCollection, readCacheSettings, type RedisAuth, type RedisCacheLoader } from "@skyport/core/cache";
import { notes, type Note } from "./notes.js";
import { noteProblems, type NoteProblemKind } from "./problems.js";

/** What the handlers run on; add stores and clients here (built once per instance, on first use). */
export interface Services {
  greeting: string;
  clock: Clock;
  /**
   * The notes; with SKYPORT_CACHE=memory or redis, read through the cache (GET /notes/{id}) and each
   * write puts the note it wrote there before it answers, so no read after a write sees the note before it.
   */
  notes: Collection<Note>;
  /** Where the idempotent POST /notes keeps its Idempotency-Keys (the framework's collection, declared with the api function). */
  idempotencyKeys: Collection<IdempotencyDocument>;
  /** The app's own problem kinds, under SKYPORT_PROBLEM_BASE (read at start: a bad one fails it). */
  problems: AppProblems<NoteProblemKind>;
  /**
   * The secrets the app declares, from the platform's store (fetched at first use, kept
   * SKYPORT_SECRET_TTL_SECONDS); each function reads only those it lists.
   */
  secrets: Secrets;
}

/** The stores an entry carries (each loads its SDK on first use) and the one it uses unless SKYPORT_STORE says otherwise. */
export interface Stores {
  loaders: Readonly<Record<StoreKind, DocumentsLoader>>;
  defaultStore: StoreKind;
}

/**
 * The Redis client an entry offers: the ways it signs in (SKYPORT_REDIS_AUTH), and its loader, which
 * imports `@skyport/redis` (and a cloud's token source) at the first request when SKYPORT_CACHE=redis
 * only: a bundle with the cache off never loads it.
 */
export interface RedisOffer {
  auths: readonly RedisAuth[];
  load: RedisCacheLoader;
}

/** Redis with the URL's password, or none (access is the network's): every entry offers it. */
export const PASSWORD_REDIS: RedisOffer = { auths: ["password"], load: () => import("@skyport/redis").then((m) => m.redisCache) };

/** What an entry gives besides its stores: its log line shape and metric emitter (Azure's adapter makes its own), and its Redis. */
export interface InstanceOptions {
  format?: JsonLoggerOptions["format"];
  metrics?: Metrics;
  redis?: RedisOffer;
}

/**
 * The instance on one cloud: its log line shape, SKYPORT_LOG_LEVEL, its metric emitter (Azure's
 * adapter makes its own), the services (SKYPORT_PROBLEM_BASE and the platform's secrets among them), and the documents the notes live in (the local server
 * makes the collection there at start).
 */
export function instance(
  cloud: Cloud,
  env: Env,
  platform: Platform,
  stores: Stores,
  { format, metrics, redis = PASSWORD_REDIS }: InstanceOptions = {},
): AppInstance<Services> {
  const logger = jsonLogger({ level: readLogLevel(env), format, fields: { cloud } });
  const documents = lazyDocuments(env, stores.loaders, stores.defaultStore);
  // Read at start: a wrong SKYPORT_CACHE, SKYPORT_REDIS_URL or SKYPORT_REDIS_AUTH fails it (naming the setting, never the URL's value).
  const cacheSettings = readCacheSettings(env);
  if (cacheSettings.redisAuth && !redis.auths.includes(cacheSettings.redisAuth)) {
    throw new ConfigError("SKYPORT_REDIS_AUTH", `one of ${redis.auths.join(", ")} on ${cloud}`, cacheSettings.redisAuth);
  }
  const problems = noteProblems.at(env);
  const secrets = cachedSecrets(env, platform.secrets);
  let cache: ReturnType<typeof cacheFrom> | undefined;
  let services: Promise<Services> | undefined;
  const build = async (): Promise<Services> => {
    cache = cacheFrom(cacheSettings, { redis: redis.load, logger, metrics });
    const cached = await cache;
    const stored = documents.collection(notes);
    return {
      greeting: env.GREETING ?? "Hello",
      clock: systemClock,
      notes: cached ? cachedCollection(stored, cached, { ttlSeconds: cacheSettings.ttlSeconds }) : stored,
      idempotencyKeys: documents.collection(idempotencyCollection),
      problems,
      secrets,
    };
  };
  const close = async () => {
    await Promise.all([documents.close(), cache?.then((cached) => cached?.close())]);
  };
  return { logger, metrics, services: () => (services ??= build()), documents, close };
}
