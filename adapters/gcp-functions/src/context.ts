import { envReader, type Context, type Env, type Logger } from "@skyport/core";

/** What every function of this adapter needs besides its handler. */
export interface GcpFunctionOptions {
  logger: Logger;
  /** The function's timeout in seconds, for `Context.deadline`. */
  timeoutSeconds?: number;
}

/** Reads CLOUD_RUN_TIMEOUT_SECONDS, which the platform sets to the function's timeout. */
export function gcpFunctionOptions(env: Env): Omit<GcpFunctionOptions, "logger"> {
  const read = envReader(env);
  const timeout = read.optional("CLOUD_RUN_TIMEOUT_SECONDS");
  return {
    timeoutSeconds: timeout === undefined ? undefined : read.integer("CLOUD_RUN_TIMEOUT_SECONDS", 1, 3600, 60),
  };
}

export function invocationContext(options: GcpFunctionOptions, requestId: string, traceparent: string | undefined): Context {
  return {
    requestId,
    cloud: "gcp",
    deadline: options.timeoutSeconds === undefined ? undefined : Date.now() + options.timeoutSeconds * 1000,
    logger: options.logger,
    traceparent,
  };
}
