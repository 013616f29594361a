import type { ScheduleTick } from "@skyport/core";

/** Cloud Scheduler's HTTP target sends when the run was due, e.g. `2026-11-26T10:00:00.000Z`. */
const SCHEDULE_TIME = "x-cloudscheduler-scheduletime";

/** A Cloud Scheduler job's request headers -> the neutral tick. */
export function fromSchedulerRequest(headers: Record<string, string>): ScheduleTick {
  const header = headers[SCHEDULE_TIME];
  const time = header === undefined ? NaN : Date.parse(header);
  return Number.isNaN(time) ? {} : { scheduledAt: new Date(time) };
}
