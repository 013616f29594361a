import type { RedisClientOptions } from "@redis/client";

/** A user and a password that the server accepts until `expiresAt` (epoch ms): a cloud's token. */
export interface RedisCredentials {
  username?: string;
  password: string;
  expiresAt: number;
}

/** Fetches new credentials: a cloud's token for the function's identity. */
export type CredentialsSource = () => Promise<RedisCredentials>;

type StreamingProvider = Extract<NonNullable<RedisClientOptions["credentialsProvider"]>, { type: "streaming-credentials-provider" }>;
type Listener = Parameters<StreamingProvider["subscribe"]>[0];

/** How long before a token expires it is replaced, unless told: wide enough for a slow token service, short beside every cloud's token lifetime. */
export const REFRESH_BEFORE_EXPIRY_MS = 60_000;
/** The wait before trying again when a refresh failed: the current token is still good meanwhile. */
const RETRY_MS = 1_000;

/**
 * node-redis's credentials for a token that expires: the first connection and every reconnection
 * sign in with a token that is not about to expire, and each live connection signs in again (AUTH)
 * with a new token `refreshBeforeMs` before the one it holds expires (half-way through a token that lives less
 * than twice that), so the server never sees an expired one.
 * `onError` hears of a re-authentication the server refused.
 */
export function refreshingCredentials(
  source: CredentialsSource,
  { refreshBeforeMs = REFRESH_BEFORE_EXPIRY_MS, onError }: { refreshBeforeMs?: number; onError?: (error: Error) => void } = {},
): StreamingProvider {
  const listeners = new Set<Listener>();
  let current: Promise<RedisCredentials> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const basic = ({ username, password }: RedisCredentials) => ({ username, password });
  // A token shorter-lived than twice the margin is replaced half-way through its life instead.
  const margins = new WeakMap<RedisCredentials, number>();
  const fresh = (credentials: RedisCredentials) => credentials.expiresAt - Date.now() > (margins.get(credentials) ?? refreshBeforeMs);
  const schedule = (wait: number) => {
    clearTimeout(timer);
    timer = setTimeout(refresh, Math.max(0, wait)).unref();
  };
  const fetched = (): Promise<RedisCredentials> => {
    const next = source().then((credentials) => {
      const margin = Math.min(refreshBeforeMs, (credentials.expiresAt - Date.now()) / 2);
      margins.set(credentials, margin);
      schedule(credentials.expiresAt - Date.now() - margin);
      return credentials;
    });
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
  async function refresh(): Promise<void> {
    if (listeners.size === 0) return; // no connection holds a token: the next one fetches its own
    try {
      const credentials = await fetched();
      for (const listener of listeners) listener.onNext(basic(credentials));
    } catch {
      schedule(RETRY_MS);
    }
  }
  return {
    type: "streaming-credentials-provider",
    async subscribe(listener) {
      let credentials = await (current ?? fetched());
      if (!fresh(credentials)) credentials = await fetched();
      listeners.add(listener);
      return [basic(credentials), { dispose: () => void listeners.delete(listener) }];
    },
    onReAuthenticationError: (error) => onError?.(error),
  };
}
