import type { Context } from "@skyport/core";
import type { AdapterOptions } from "./options.js";

/** One invocation -> the neutral Context: the framework gives no deadline, so it is the function's timeout from now. */
export function toContext(options: AdapterOptions, requestId: string, traceparent: string | undefined): Context {
  return {
    requestId,
    cloud: "gcp",
    deadline: options.functionTimeoutMs === undefined ? undefined : Date.now() + options.functionTimeoutMs,
    logger: options.logger,
    traceparent,
  };
}
