import { ScheduleError, type Cron, type Schedule } from "@skyport/core";

/**
 * A schedule in EventBridge's syntax: `rate(...)`, or `cron(...)` with six fields, where one of
 * the day fields must be `?` and days of the week count from 1 (Sunday).
 */
export function eventBridgeSchedule(schedule: Schedule): string {
  if (schedule.kind === "rate") return `rate(${schedule.every} ${schedule.unit}${schedule.every === 1 ? "" : "s"})`;
  const { minute, hour, dayOfMonth, month, dayOfWeek } = schedule;
  if (dayOfMonth !== "*" && dayOfWeek !== "*") refuse(schedule, "EventBridge cannot restrict both the day of the month and the day of the week");
  if (dayOfWeek === "*") return `cron(${minute} ${hour} ${dayOfMonth} ${month} ? *)`;
  return `cron(${minute} ${hour} ? ${month} ${eventBridgeWeekdays(schedule)} *)`;
}

/** Unix 0-6 (Sunday 0) -> EventBridge 1-7 (Sunday 1); EventBridge takes no step in this field. */
function eventBridgeWeekdays(schedule: Cron): string {
  if (schedule.dayOfWeek.includes("/")) refuse(schedule, "EventBridge takes no step (/) in the day of the week");
  return schedule.dayOfWeek.replace(/\d+/g, (day) => String(Number(day) + 1));
}

function refuse(schedule: Cron, why: string): never {
  const fields = [schedule.minute, schedule.hour, schedule.dayOfMonth, schedule.month, schedule.dayOfWeek].join(" ");
  throw new ScheduleError(`schedule "${fields}": ${why}`);
}
