import {
  ConfigError,
  createOrderService,
  jsonLogger,
  readConfig,
  systemClock,
  ulidIds,
  type Clock,
  type Cloud,
  type Env,
  type EventPublisher,
  type Ids,
  type JsonLoggerOptions,
  type Logger,
  type OrderService,
  type SkyportConfig,
  type StoreKind,
  type Stores,
} from "@skyport/core";

/** Builds a store from the environment; `check` validates its settings without loading its SDK. */
export type StoreLoader = ((env: Env) => Promise<Stores> | Stores) & { check?: (env: Env) => void };

/** How an entry point builds a store of each kind it carries; only the chosen one is ever loaded. */
export type StoreLoaders = Partial<Record<StoreKind, StoreLoader>>;

/**
 * A store whose SDK is imported on first use, with its settings checked at start: a wrong
 * value fails the instance's start, naming the variable, not its first request.
 */
export function lazyStore(check: (env: Env) => unknown, load: () => Promise<(env: Env) => Stores>): StoreLoader {
  return Object.assign(async (env: Env) => (await load())(env), { check: (env: Env) => void check(env) });
}

export interface EntryOptions {
  cloud: Cloud;
  env: Env;
  defaultStore: StoreKind;
  stores: StoreLoaders;
  events: (env: Env, logger: Logger) => EventPublisher | Promise<EventPublisher>;
  /** The cloud's log line shape. */
  logFormat?: JsonLoggerOptions["format"];
  logWrite?: JsonLoggerOptions["write"];
}

/** A part of the instance, named once; its type travels with the name. */
export type Token<T> = symbol & { readonly __part?: T };

export const TOKENS = {
  config: Symbol.for("skyport.config") as Token<SkyportConfig>,
  logger: Symbol.for("skyport.logger") as Token<Logger>,
  clock: Symbol.for("skyport.clock") as Token<Clock>,
  ids: Symbol.for("skyport.ids") as Token<Ids>,
  stores: Symbol.for("skyport.stores") as Token<Stores>,
  events: Symbol.for("skyport.events") as Token<EventPublisher>,
  service: Symbol.for("skyport.service") as Token<OrderService>,
};

type Factory = (container: OrderContainer) => unknown;

/**
 * The instance's parts, each built once, on first use, by a plain factory: inversify cost every
 * cold start ~100 KB to parse and ~9 ms to run (README, Performance). A part whose build fails
 * is not kept, so that the next invocation builds it again (inversify kept the rejection).
 */
export class OrderContainer {
  private readonly built = new Map<symbol, unknown>();

  constructor(private readonly factories: ReadonlyMap<symbol, Factory>) {}

  get<T>(token: Token<T>): T {
    const part = this.resolve(token);
    if (part instanceof Promise) throw new Error(`${token.description} is built asynchronously: use getAsync`);
    return part as T;
  }

  getAsync<T>(token: Token<T>): Promise<T> {
    return Promise.resolve(this.resolve(token) as T | Promise<T>);
  }

  private resolve(token: symbol): unknown {
    if (this.built.has(token)) return this.built.get(token);
    const factory = this.factories.get(token);
    if (!factory) throw new Error(`nothing builds ${token.description}`);
    const part = factory(this);
    this.built.set(token, part);
    if (part instanceof Promise) {
      part.catch(() => {
        if (this.built.get(token) === part) this.built.delete(token);
      });
    }
    return part;
  }
}

/** Reads the configuration now (a wrong value fails at start) and names how the rest is built on first use. */
export function orderContainer(options: EntryOptions): OrderContainer {
  const config = readConfig(options.env, options.defaultStore);
  const loadStores = options.stores[config.store];
  if (!loadStores) {
    throw new ConfigError("SKYPORT_STORE", `one of ${Object.keys(options.stores).join(", ")} in the ${options.cloud} build`, config.store);
  }
  loadStores.check?.(options.env);
  const logger = jsonLogger({ level: config.logLevel, format: options.logFormat, write: options.logWrite, fields: { cloud: options.cloud } });

  return new OrderContainer(
    new Map<symbol, Factory>([
      [TOKENS.config, () => config],
      [TOKENS.logger, () => logger],
      [TOKENS.clock, () => systemClock],
      [TOKENS.ids, (c) => ulidIds(c.get(TOKENS.clock))],
      [TOKENS.stores, () => loadStores(options.env)],
      [TOKENS.events, () => options.events(options.env, logger)],
      [
        TOKENS.service,
        async (c) => {
          const { orders, idempotency } = await c.getAsync(TOKENS.stores);
          return createOrderService({
            orders,
            idempotency,
            events: await c.getAsync(TOKENS.events),
            clock: c.get(TOKENS.clock),
            ids: c.get(TOKENS.ids),
            retentionDays: config.retentionDays,
            cleanupPageSize: config.cleanupPageSize,
          });
        },
      ],
    ]),
  );
}

/**
 * One container per instance; the service (and its store SDK) is built on the first invocation,
 * which is logged as the instance's cold start with how long the instance took to get there.
 */
export function lazyOrderService(options: EntryOptions) {
  const container = orderContainer(options);
  const logger = container.get(TOKENS.logger);
  let service: Promise<OrderService> | undefined;
  return {
    container,
    logger,
    service(): Promise<OrderService> {
      service ??= build();
      return service;
    },
  };

  async function build(): Promise<OrderService> {
    const invokedAt = performance.now();
    try {
      const built = await container.getAsync(TOKENS.service);
      const readyAt = performance.now();
      logger.info("cold start", {
        coldStart: true,
        initDurationMs: Math.round(invokedAt * 1000) / 1000,
        serviceBuildMs: Math.round((readyAt - invokedAt) * 1000) / 1000,
      });
      return built;
    } catch (error) {
      service = undefined; // a failed start (store unreachable) is retried by the next invocation
      throw error;
    }
  }
}
