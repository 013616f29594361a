import { envReader, type Env } from "../config/env.js";
import { hideInLogs } from "../ports/json-logger.js";
import { SecretNotListed, SecretReadFailed, SecretUnavailable, type SecretSource, type Secrets } from "./secrets.js";

/** The setting that says how long a read secret is kept before it is fetched again (a rotation is picked up after at most this long). */
export const SECRET_TTL_VARIABLE = "SKYPORT_SECRET_TTL_SECONDS";
const DEFAULT_TTL_SECONDS = 300;
/** Tries of a throttled or unanswered read, the first included, and the backoff between them: bounded, then a 503. */
const READ_ATTEMPTS = 3;
const BACKOFF_MS = [50, 200];

/** How `cachedSecrets` keeps values: their lifetime, and the clock and sleep it uses (tests give their own). */
export interface CachedSecretsOptions {
  /** How long a value is kept: SKYPORT_SECRET_TTL_SECONDS (0 to 86400, default 300), read now. */
  ttlMs: number;
  /** Epoch milliseconds now; Date.now by default (tests move it). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** SKYPORT_SECRET_TTL_SECONDS in milliseconds; a bad value fails the start, naming the variable. */
export function readSecretTtl(env: Env): number {
  return envReader(env).integer(SECRET_TTL_VARIABLE, 0, 86_400, DEFAULT_TTL_SECONDS) * 1000;
}

interface Entry {
  value?: string;
  fetchedAt: number;
  pending?: Promise<string>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The reading rules, once for every source: a secret is fetched at its first read (never at
 * start), kept for the TTL and then fetched again, so a rotated value is picked up without a
 * deploy; reads that arrive while a fetch is under way share it (one call); a throttled or
 * unanswered fetch is tried at most three times, then the read fails as `SecretUnavailable` (a
 * 503 naming the secret). Every value read is hidden from the logs (`hideInLogs`).
 */
export class CachedSecrets implements Secrets {
  private readonly entries: Map<string, Entry>;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly source: SecretSource | undefined,
    private readonly options: CachedSecretsOptions,
    /** The names a function's handlers may read; undefined where no function is known (the whole app). */
    private readonly listed?: readonly string[],
    /** Shared with the instance's other functions' views, so one secret is fetched once per instance. */
    shared?: Map<string, Entry>,
  ) {
    this.entries = shared ?? new Map();
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** The view a function's handlers get: only the secrets it lists, over the same kept values. */
  only(listed: readonly string[]): CachedSecrets {
    return new CachedSecrets(this.source, this.options, listed, this.entries);
  }

  get(name: string): Promise<string> {
    if (this.listed && !this.listed.includes(name)) return Promise.reject(new SecretNotListed(name, this.listed));
    const entry = this.entries.get(name);
    if (entry?.pending) return entry.pending;
    if (entry?.value !== undefined && this.now() - entry.fetchedAt < this.options.ttlMs) return Promise.resolve(entry.value);
    return this.fetch(name, entry);
  }

  private fetch(name: string, stale: Entry | undefined): Promise<string> {
    const entry: Entry = { fetchedAt: stale?.fetchedAt ?? 0, ...(stale?.value !== undefined && { value: stale.value }) };
    entry.pending = this.readWithRetry(name).then(
      (value) => {
        hideInLogs(value);
        this.entries.set(name, { value, fetchedAt: this.now() });
        return value;
      },
      (error: unknown) => {
        // A failed fetch keeps nothing: the next read tries again, and no stale value outlives its TTL.
        this.entries.delete(name);
        throw new SecretUnavailable(name, error);
      },
    );
    this.entries.set(name, entry);
    return entry.pending;
  }

  private async readWithRetry(name: string): Promise<string> {
    if (!this.source) throw new SecretReadFailed(name, "denied", new Error("no secret source is configured for this function (it lists no secrets)"));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.source.read(name);
      } catch (error) {
        const transient = error instanceof SecretReadFailed ? error.transient : true;
        if (!transient || attempt >= READ_ATTEMPTS) throw error;
        await this.sleep(BACKOFF_MS[attempt - 1]! * (0.5 + Math.random() / 2));
      }
    }
  }
}

/** The instance's secrets from the runtime's source, SKYPORT_SECRET_TTL_SECONDS read now; each function sees only those it lists (`lazyHandler`). */
export function cachedSecrets(env: Env, source: SecretSource | undefined, options: Partial<CachedSecretsOptions> = {}): CachedSecrets {
  return new CachedSecrets(source, { ttlMs: readSecretTtl(env), ...options });
}

/**
 * The services a function's handlers are bound to: where they carry the instance's secrets (as
 * `secrets`), a view of only the ones the function lists; otherwise the services as they are.
 */
export function servicesFor<S>(services: S, listed: readonly string[] | undefined): S {
  if (typeof services !== "object" || services === null) return services;
  const secrets = (services as { secrets?: unknown }).secrets;
  if (!(secrets instanceof CachedSecrets)) return services;
  const view = secrets.only(listed ?? []);
  // A plain object is copied; any other keeps its prototype (its methods) under the one changed field.
  if (Object.getPrototypeOf(services) === Object.prototype) return { ...services, secrets: view };
  return Object.create(services as object, { secrets: { value: view, enumerable: true } }) as S;
}
