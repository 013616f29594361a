import { StoreUnavailable } from "./errors.js";

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const STORE_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 50, maxDelayMs: 400 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retries a store call that failed with `StoreUnavailable`, with bounded exponential backoff
 * and full jitter (a random delay up to the cap), so that throttled callers spread out.
 */
export async function retryUnavailable<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy = STORE_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!(error instanceof StoreUnavailable) || attempt >= policy.attempts) throw error;
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await (policy.sleep ?? sleep)((policy.random ?? Math.random)() * cap);
    }
  }
}
