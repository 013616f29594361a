import { randomUUID } from "node:crypto";
import type { ScheduledEvent } from "aws-lambda";
import scheduledFixture from "./fixtures/eventbridge-scheduled-event.json" with { type: "json" };

/** What the cleanup rule delivers when it fires at `time` (EventBridge drops the milliseconds). */
export function scheduledEvent(time = new Date()): ScheduledEvent {
  const event = { ...structuredClone(scheduledFixture), "detail-type": "Scheduled Event" as const };
  return { ...event, id: randomUUID(), time: time.toISOString().replace(/\.\d{3}Z$/, "Z") };
}
