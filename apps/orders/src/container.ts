import { Container, type ServiceIdentifier } from "inversify";
import {
  deferredDocuments,
  functionOf,
  jsonLogger,
  jwtIdentity,
  readAuthSettings,
  readCorsPolicy,
  envReader,
  readAll,
  readConfig,
  systemClock,
  type Clock,
  type Cloud,
  type Env,
  type EventPublisher,
  type JsonLoggerOptions,
  type Logger,
  type MetricWrite,
  type Metrics,
  type AppInstance,
  type Documents,
  type DocumentsLoader,
  type SkyportConfig,
  type StoreKind,
} from "@skyport/core";
import { orderStoresOn, orderServices, readOrderCacheSettings, ulidIds, type Ids, type OrderDeps, type Stores } from "@skyport/core/orders";
import type { RedisAuth } from "@skyport/core/cache";
import app from "./app.js";
import { loadOrderCache, offeredCache, type RedisLoader } from "./cache.js";

/** Builds a store's documents from the environment; `check` validates its settings without loading its SDK. */
export type StoreLoader = DocumentsLoader;

/**
 * How an entry point builds the documents of each store it carries, keyed by the kind each store
 * package declares (`DYNAMODB_STORE`, ...): SKYPORT_STORE must name one of these keys, and only
 * the chosen one is ever loaded. The order service's stores are core's, on those documents (`orderStoresOn`).
 */
export type StoreLoaders = Record<StoreKind, StoreLoader>;

/**
 * A store whose SDK is imported on first use, with its settings checked at start: a wrong
 * value fails the instance's start, naming the variable, not its first request.
 */
export function lazyStore(check: (env: Env) => unknown, load: () => Promise<(env: Env) => Documents | Promise<Documents>>): StoreLoader {
  return Object.assign(async (env: Env) => (await load())(env), { check: (env: Env) => void check(env) });
}

export interface EntryOptions {
  cloud: Cloud;
  env: Env;
  /**
   * The functions this instance serves (`Platform.served`): what only the HTTP function uses (the identity check, the CORS
   * policy, and their settings) is read and built only where it is served.
   */
  served: readonly string[];
  defaultStore: StoreKind;
  stores: StoreLoaders;
  events: (env: Env, logger: Logger) => EventPublisher | Promise<EventPublisher>;
  /** The cloud's log line shape. */
  logFormat?: JsonLoggerOptions["format"];
  logWrite?: JsonLoggerOptions["write"];
  /** The cloud's metric emitter, writing where the log lines go; none where the runtime makes its own (Azure) or has no metric store (local). */
  metrics?: (write: MetricWrite | undefined) => Metrics;
  /**
   * The Redis cache's client, where this target offers the cache (every cloud's template, the local server):
   * imported only when SKYPORT_CACHE=redis, a chunk of its own that a function without the cache never loads.
   */
  redis?: RedisLoader;
  /** How that client may sign in (SKYPORT_REDIS_AUTH): the URL's password unless the target offers its cloud's token. */
  redisAuths?: readonly RedisAuth[];
}

export const TOKENS = {
  config: Symbol.for("skyport.config") as ServiceIdentifier<SkyportConfig>,
  logger: Symbol.for("skyport.logger") as ServiceIdentifier<Logger>,
  clock: Symbol.for("skyport.clock") as ServiceIdentifier<Clock>,
  ids: Symbol.for("skyport.ids") as ServiceIdentifier<Ids>,
  stores: Symbol.for("skyport.stores") as ServiceIdentifier<Stores>,
  events: Symbol.for("skyport.events") as ServiceIdentifier<EventPublisher>,
  services: Symbol.for("skyport.services") as ServiceIdentifier<OrderDeps>,
};

/**
 * Built once, on first use; a build that fails is forgotten so that the next invocation builds
 * it again (an inversify singleton would keep the rejected promise).
 */
function once<T>(build: () => T | Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () =>
    (built ??= Promise.resolve()
      .then(build)
      .catch((error: unknown) => {
        built = undefined;
        throw error;
      }));
}

/**
 * Reads the configuration now (every wrong value fails the start, all named) and binds the rest to build on first use;
 * the identity check and the CORS policy only where the HTTP function is served.
 * `metrics` counts what the order cache fails to answer (the store answers instead).
 */
export function orderContainer(options: EntryOptions, metrics?: Metrics): Container {
  const { env, stores, defaultStore } = options;
  const servesHttp = options.served.some((name) => functionOf(app, name).trigger.kind === "http");
  const [config, auth, cors, cacheSettings] = readAll(
    () => readConfig(env, { kinds: Object.keys(stores), defaultStore }),
    () => (servesHttp ? readAuthSettings(env) : undefined),
    () => (servesHttp ? readCorsPolicy(env) : undefined),
    () => offeredCache(readOrderCacheSettings(env), options),
    // The chosen store's own settings, in the same report (none when SKYPORT_STORE names no store here).
    () => stores[envReader(env).optional("SKYPORT_STORE") ?? defaultStore]?.check?.(env),
  );
  const loadDocuments = stores[config.store]!;
  const logger = jsonLogger({ level: config.logLevel, format: options.logFormat, write: options.logWrite, fields: { cloud: options.cloud } });
  // Every cloud template sets both; only a local run may go without, and it says so first.
  if (servesHttp && !auth)
    logger.warn("authentication off: SKYPORT_AUTH_ISSUER and SKYPORT_AUTH_AUDIENCE are not set, so every caller may read and change every order");
  const identity = auth && jwtIdentity(auth);

  const container = new Container();
  container.bind(TOKENS.config).toConstantValue(config);
  container.bind(TOKENS.logger).toConstantValue(logger);
  container.bind(TOKENS.clock).toConstantValue(systemClock);
  container
    .bind(TOKENS.ids)
    .toDynamicValue((ctx) => ulidIds(ctx.get(TOKENS.clock)))
    .inSingletonScope();
  container.bind(TOKENS.stores).toDynamicValue(
    once(async () => {
      const documents = await loadDocuments(options.env);
      const cache = await loadOrderCache(cacheSettings, { logger, metrics }, options.redis);
      const built = orderStoresOn(documents, { cache: cache.cache });
      return { ...built, close: () => Promise.all([built.close(), cache.close()]).then(() => undefined) };
    }),
  );
  container.bind(TOKENS.events).toDynamicValue(once(() => options.events(options.env, logger)));
  const services = once(async () => {
    const { orders, idempotency } = await container.getAsync(TOKENS.stores);
    return orderServices({
      orders,
      idempotency,
      events: await container.getAsync(TOKENS.events),
      clock: container.get(TOKENS.clock),
      ids: container.get(TOKENS.ids),
      retentionDays: config.retentionDays,
      cleanupPageSize: config.cleanupPageSize,
      identity,
      customerClaim: auth?.customerClaim,
      cors,
    });
  });
  container.bind(TOKENS.services).toDynamicValue(services);
  return container;
}

/**
 * One container per instance; the services (and the store's SDK) are built on the first
 * invocation, which is logged as the instance's cold start with how long the instance took to get there.
 */
export function orderInstance(options: EntryOptions): AppInstance<OrderDeps> & { container: Container } {
  const { logWrite } = options;
  const metrics = options.metrics?.(logWrite && ((line) => logWrite(line, "info")));
  const container = orderContainer(options, metrics);
  const logger = container.get(TOKENS.logger);
  let services: Promise<OrderDeps> | undefined;
  return {
    container,
    logger,
    metrics,
    services(): Promise<OrderDeps> {
      services ??= build();
      return services;
    },
    // The documents the stores are kept in, built with them: where the local server makes the declared collections and reads their changes.
    documents: deferredDocuments(async () => {
      const { documents } = await container.getAsync(TOKENS.stores);
      if (!documents) throw new Error(`the ${container.get(TOKENS.config).store} store keeps no collections`);
      return documents;
    }),
    async close() {
      if (services) await (await container.getAsync(TOKENS.stores)).close();
    },
  };

  async function build(): Promise<OrderDeps> {
    const invokedAt = performance.now();
    try {
      const built = await container.getAsync(TOKENS.services);
      const readyAt = performance.now();
      logger.info("cold start", {
        coldStart: true,
        initDurationMs: Math.round(invokedAt * 1000) / 1000,
        serviceBuildMs: Math.round((readyAt - invokedAt) * 1000) / 1000,
      });
      return built;
    } catch (error) {
      services = undefined; // a failed start (store unreachable) is retried by the next invocation
      throw error;
    }
  }
}
