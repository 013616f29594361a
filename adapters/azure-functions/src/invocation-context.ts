import type { InvocationContext } from "@azure/functions";
import type { Context, LogLevel } from "@skyport/core";
import { invocationLogger } from "./invocation-logger.js";

/**
 * InvocationContext -> Context. The invocation id names the request; the host's traceparent
 * is the invocation's span in Application Insights, so lines and downstream calls join it.
 */
export function toContext(invocation: InvocationContext, logLevel: LogLevel): Context {
  return {
    requestId: invocation.invocationId,
    cloud: "azure",
    traceparent: invocation.traceContext?.traceParent ?? undefined,
    logger: invocationLogger(invocation, logLevel, { cloud: "azure", functionName: invocation.functionName }),
  };
}
