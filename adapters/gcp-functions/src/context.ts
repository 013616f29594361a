import type { Context } from "@skyport/core";
import type { AdapterOptions } from "./options.js";

/** What identifies an invocation: the framework hands over a request or an event, not an invocation object. */
export interface Invocation {
  requestId: string;
  traceparent: string | undefined;
}

/** One invocation -> the neutral Context: the framework gives no deadline, so it is the function's timeout from now. */
export function toContext({ requestId, traceparent }: Invocation, options: AdapterOptions): Context {
  return {
    requestId,
    cloud: "gcp",
    deadline: options.functionTimeoutMs === undefined ? undefined : Date.now() + options.functionTimeoutMs,
    logger: options.logger,
    metrics: options.metrics,
    traceparent,
  };
}
