/** Without these a dead connection waits for the function's own timeout; with them it is a 503. */
export const REQUEST_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 5_000, throwOnRequestTimeout: true } as const;
