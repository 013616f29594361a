import { isNetworkError, StoreUnavailable } from "@skyport/core";

// Throttled, timed out or unavailable: worth retrying later, never the caller's fault.
const TRANSIENT_STATUS = new Set([408, 429, 449, 503]);
// The SDK's own codes for a request that never got an answer; socket errors keep Node's errno code.
const SDK_NETWORK_CODES = new Set(["REQUEST_SEND_ERROR", "TimeoutError"]);

/** The HTTP status of a Cosmos DB answer, or undefined for errors that never got one. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "number") return TRANSIENT_STATUS.has(code);
  return (typeof code === "string" && SDK_NETWORK_CODES.has(code)) || isNetworkError(error);
}

/** What a store throws for an SDK error it has no domain meaning for. */
export function storeFailure(error: unknown): unknown {
  return isTransient(error) ? new StoreUnavailable(error) : error;
}
