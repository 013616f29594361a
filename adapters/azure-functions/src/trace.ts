import type { InvocationContext } from "@azure/functions";
import { validTraceparent } from "@skyport/core";

/**
 * The invocation's traceparent: the host's own span for it in Application Insights (already W3C),
 * kept only when valid, as every adapter keeps a caller's.
 */
export function traceparentOf(invocation: InvocationContext): string | undefined {
  return validTraceparent(invocation.traceContext?.traceParent ?? undefined);
}
