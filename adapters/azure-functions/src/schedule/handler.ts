import type { TimerHandler } from "@azure/functions";
import type { Lazy, ScheduleHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";

/**
 * app.timer handler. The timer says whether it is late but not when it was due, so the tick
 * carries no time. A failure throws: the invocation shows as failed and the next occurrence runs.
 */
export function azureScheduleHandler(schedule: Lazy<ScheduleHandler>, options: AdapterOptions): TimerHandler {
  return async (timer, invocation) => {
    const context = toContext(invocation, options);
    if (timer.isPastDue) context.logger.warn("timer is past due");
    await (await schedule())({}, context);
  };
}
