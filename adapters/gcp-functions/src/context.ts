import { envReader, type Context, type Env, type Logger } from "@skyport/core";
import { traceLogFields } from "./http/trace.js";

/** What every function of this adapter needs besides its handler. */
export interface GcpFunctionOptions {
  logger: Logger;
  /** The project, for tying log lines to Cloud Trace; without it lines carry no trace fields. */
  projectId?: string;
  /** The function's timeout in seconds, for `Context.deadline`. */
  timeoutSeconds?: number;
}

/** Reads GOOGLE_CLOUD_PROJECT and CLOUD_RUN_TIMEOUT_SECONDS (set by the platform), both optional. */
export function gcpFunctionOptions(env: Env, logger: Logger): GcpFunctionOptions {
  const read = envReader(env);
  const timeout = read.optional("CLOUD_RUN_TIMEOUT_SECONDS");
  return {
    logger,
    projectId: read.optional("GOOGLE_CLOUD_PROJECT"),
    timeoutSeconds: timeout === undefined ? undefined : read.integer("CLOUD_RUN_TIMEOUT_SECONDS", 1, 3600, 60),
  };
}

export function invocationContext(options: GcpFunctionOptions, requestId: string, traceparent: string | undefined): Context {
  return {
    requestId,
    cloud: "gcp",
    deadline: options.timeoutSeconds === undefined ? undefined : Date.now() + options.timeoutSeconds * 1000,
    logger: options.logger.child(traceLogFields(traceparent, options.projectId)),
    traceparent,
  };
}
