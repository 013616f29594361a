import { PROBLEM_BASE, StoreUnavailable, describeError, type Context, type HttpResponse } from "@skyport/core";

/**
 * The answer when the service could not even be built (its store unreachable at start): the
 * problem+json core would give, since core's handler is not there to give it.
 */
export function startupFailureResponse(error: unknown, context: Context): HttpResponse {
  context.logger.error("service could not start", { error: describeError(error) });
  const unavailable = error instanceof StoreUnavailable;
  const [kind, title, status, detail] = unavailable
    ? (["unavailable", "Service unavailable", 503, "The order store cannot be reached; try again shortly."] as const)
    : (["internal", "Internal error", 500, "Something went wrong on our side."] as const);
  return {
    status,
    headers: {
      "content-type": "application/problem+json",
      "x-request-id": context.requestId,
      ...(unavailable ? { "retry-after": "1" } : {}),
    },
    body: JSON.stringify({ type: PROBLEM_BASE + kind, title, status, detail }),
  };
}
