import type { ScheduledEvent } from "aws-lambda";
import type { ScheduleTick } from "@skyport/core";

/** What an EventBridge schedule rule delivers. */
export function isScheduledEvent(event: unknown): event is ScheduledEvent {
  const candidate = event as Partial<ScheduledEvent> | null;
  return candidate?.source === "aws.events" && candidate["detail-type"] === "Scheduled Event";
}

/** An EventBridge scheduled event as the neutral tick: when it was due, if the event says. */
export function fromScheduledEvent(event: ScheduledEvent): ScheduleTick {
  const scheduledAt = new Date(event.time);
  return Number.isNaN(scheduledAt.getTime()) ? {} : { scheduledAt };
}
