import { ScheduleError, type Schedule } from "@skyport/core";

/**
 * A schedule as a Cloud Scheduler job's unix-cron (the job sets `--time-zone=Etc/UTC`). A rate
 * becomes a cron only where it divides its period evenly: "every 7 minutes" cannot be one.
 */
/** What each unit's steps must divide for a cron to repeat evenly. */
const PERIOD = { minute: "hour", hour: "day", day: "month" } as const;

/** A declared schedule as Cloud Scheduler's cron; a rate no cron can repeat is a ScheduleError. */
export function cloudSchedulerSchedule(schedule: Schedule): string {
  if (schedule.kind === "cron") return [schedule.minute, schedule.hour, schedule.dayOfMonth, schedule.month, schedule.dayOfWeek].join(" ");
  const { every, unit } = schedule;
  const step = (n: number) => (n === 1 ? "*" : `*/${n}`);
  if (unit === "minute" && 60 % every === 0) return `${step(every)} * * * *`;
  if (unit === "hour" && 24 % every === 0) return `0 ${step(every)} * * *`;
  if (unit === "day" && every === 1) return "0 0 * * *";
  throw new ScheduleError(`schedule "every ${every} ${unit}s": a cron (Cloud Scheduler, Azure) can repeat only by steps that divide the ${PERIOD[unit]}`);
}
