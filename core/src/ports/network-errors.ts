/** Node's socket and DNS errors: the endpoint could not be reached or dropped the connection. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
]);

// SDKs wrap socket errors in their own; a loop in a hand-made chain must not hang us.
const MAX_CAUSES = 8;

/**
 * True when the error, or an error in its `cause` chain, is a network failure by Node's errno
 * code. Stores add their own SDK's codes (throttling, service timeouts) beside this.
 */
export function isNetworkError(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSES && typeof current === "object" && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}
