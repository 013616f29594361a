import type { InvocationContext } from "@azure/functions";
import type { Context } from "@skyport/core";
import type { AdapterOptions } from "./options.js";
import { invocationLogger } from "./logging.js";
import { invocationMetrics } from "./metrics.js";
import { traceparentOf } from "./trace.js";

/**
 * InvocationContext -> Context. The invocation id names the request; the host's traceparent
 * is the invocation's span in Application Insights, so lines and downstream calls join it.
 * The deadline is the host's functionTimeout, or `limitMs` when the trigger has a lower one.
 */
export function toContext(invocation: InvocationContext, options: AdapterOptions, limitMs = Infinity): Context {
  const timeoutMs = Math.min(options.functionTimeoutMs ?? Infinity, limitMs);
  return {
    requestId: invocation.invocationId,
    cloud: "azure",
    ...(Number.isFinite(timeoutMs) ? { deadline: Date.now() + timeoutMs } : {}),
    traceparent: traceparentOf(invocation),
    logger: invocationLogger(invocation, options.logLevel, { cloud: "azure", functionName: invocation.functionName }),
    metrics: invocationMetrics(invocation),
  };
}
