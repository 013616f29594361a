import { StoreUnavailable } from "./errors.js";

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * No retry once this long has passed since the first try: a store whose SDK already retried
   * (and took its time) is not retried again, so a failure answers within the SDK's own bound.
   */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const STORE_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 50, maxDelayMs: 400, budgetMs: 1000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retries a store call that failed with `StoreUnavailable`, with bounded exponential backoff
 * and full jitter (a random delay up to the cap), so that throttled callers spread out. The
 * first try is the call's own promise: nothing is added on the way of a call that succeeds.
 */
export function retryUnavailable<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy = STORE_RETRY): Promise<T> {
  const started = Date.now();
  let first: Promise<T>;
  try {
    first = call(1);
  } catch (error) {
    return retryAfter(error, call, policy, started); // a store that throws rather than rejects is retried alike
  }
  return first.catch((error: unknown) => retryAfter(error, call, policy, started));
}

async function retryAfter<T>(failure: unknown, call: (attempt: number) => Promise<T>, policy: RetryPolicy, started: number): Promise<T> {
  let error = failure;
  for (let attempt = 2; ; attempt++) {
    if (!(error instanceof StoreUnavailable) || attempt > policy.attempts) throw error;
    if (policy.budgetMs !== undefined && Date.now() - started >= policy.budgetMs) throw error;
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2));
    await (policy.sleep ?? sleep)((policy.random ?? Math.random)() * cap);
    try {
      return await call(attempt);
    } catch (next) {
      error = next;
    }
  }
}
