import type { Context as LambdaContext, ScheduledEvent } from "aws-lambda";
import { toContext } from "../context.js";
import { UnsupportedEvent } from "../errors.js";
import type { Lazy, ScheduleHandler } from "@skyport/core";
import type { AdapterOptions } from "../options.js";
import { fromXRayHeader, invocationTraceHeader } from "../trace.js";
import { isScheduledEvent, fromScheduledEvent } from "./scheduled-event.js";

/** A Lambda handler of EventBridge scheduled events. */
export type LambdaScheduleHandler = (event: ScheduledEvent, lambda: LambdaContext) => Promise<unknown>;

/** An EventBridge scheduled event -> the neutral schedule handler; what it returns is the invocation's result. */
export function lambdaScheduleHandler(schedule: Lazy<ScheduleHandler>, options: AdapterOptions): LambdaScheduleHandler {
  return async (event, lambda) => {
    if (!isScheduledEvent(event)) throw new UnsupportedEvent("schedule");
    const header = invocationTraceHeader();
    const context = toContext(lambda, options, { traceparent: header === undefined ? undefined : fromXRayHeader(header) });
    return (await schedule())(fromScheduledEvent(event), context);
  };
}
