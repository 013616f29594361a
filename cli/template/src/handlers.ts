import { PoisonMessage, type MessageConsumer, type ScheduleHandler } from "@skyport/core";
import type { Services } from "./services.js";

/** `job.requested` with a `jobId`: done once logged; one without a jobId can never succeed. */
export function runJob(services: Services): MessageConsumer {
  return async (event, context) => {
    if (typeof event.jobId !== "string" || event.jobId === "") throw new PoisonMessage("job.requested without a jobId");
    context.logger.info("job done", { jobId: event.jobId, at: services.clock.now().toISOString() });
  };
}

/** Every hour: says so, and returns when it ran. */
export function logTick(services: Services): ScheduleHandler {
  return async (_tick, context) => {
    const at = services.clock.now().toISOString();
    context.logger.info("tick", { at });
    return { at };
  };
}
