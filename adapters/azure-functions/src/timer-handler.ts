import type { TimerHandler } from "@azure/functions";
import type { AdapterOptions, LazyFunctions } from "./functions.js";
import { toContext } from "./invocation-context.js";

/**
 * app.timer handler for the cleanup. The timer says whether it is late but not when it was
 * due, so the tick carries no time. A failure throws: the invocation shows as failed and the
 * next occurrence sweeps again.
 */
export function azureTimerHandler(functions: LazyFunctions, options: AdapterOptions): TimerHandler {
  return async (timer, invocation) => {
    const context = toContext(invocation, options);
    if (timer.isPastDue) context.logger.warn("cleanup timer is past due");
    await (await functions()).cleanup({}, context);
  };
}
