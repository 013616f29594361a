import type { AdapterOptions, LazyFunctions } from "./functions.js";
import { azureHttpHandler } from "./http-handler.js";
import { azureQueueHandler, type QueueHandlerOptions } from "./queue-handler.js";
import type { AzureHandlers } from "./register.js";
import { azureTimerHandler } from "./timer-handler.js";

/** The three Azure handlers over one lazily built service. */
export function azureHandlers(functions: LazyFunctions, options: AdapterOptions & QueueHandlerOptions): AzureHandlers {
  return {
    http: azureHttpHandler(functions, options),
    queue: azureQueueHandler(functions, options),
    cleanup: azureTimerHandler(functions, options),
  };
}
