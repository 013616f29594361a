import { cloudEvent, http } from "@google-cloud/functions-framework";
import type { LazyFunctions } from "@skyport/core";
import type { GcpFunctionOptions } from "./context.js";
import { httpFunction } from "./http/function.js";
import { pubsubQueueFunction } from "./pubsub/queue-function.js";
import { schedulerCleanupFunction } from "./scheduler/cleanup-function.js";

/** The names the functions are registered under: `gcloud functions deploy --entry-point` takes them. */
export interface GcpFunctionNames {
  http: string;
  queue: string;
  cleanup: string;
}

/** Registers the three functions with the functions framework, which serves the one its target names. */
export function registerGcpFunctions(names: GcpFunctionNames, functions: LazyFunctions, options: GcpFunctionOptions): void {
  http(names.http, httpFunction(functions, options));
  cloudEvent(names.queue, pubsubQueueFunction(functions, options));
  http(names.cleanup, schedulerCleanupFunction(functions, options));
}
