import { ScheduleError, type Schedule } from "@skyport/core";

/**
 * A schedule as the timer trigger's NCRONTAB: six fields, seconds first, UTC (unless the app sets
 * WEBSITE_TIME_ZONE). A rate becomes a cron only where it divides its period evenly.
 */
export function ncrontabSchedule(schedule: Schedule): string {
  if (schedule.kind === "cron") return ["0", schedule.minute, schedule.hour, schedule.dayOfMonth, schedule.month, schedule.dayOfWeek].join(" ");
  const { every, unit } = schedule;
  const step = (n: number) => (n === 1 ? "*" : `*/${n}`);
  if (unit === "minute" && 60 % every === 0) return `0 ${step(every)} * * * *`;
  if (unit === "hour" && 24 % every === 0) return `0 0 ${step(every)} * * *`;
  if (unit === "day" && every === 1) return "0 0 0 * * *";
  throw new ScheduleError(
    `schedule "every ${every} ${unit}s": NCRONTAB can repeat only by steps that divide the ${unit === "day" ? "month" : unit === "hour" ? "day" : "hour"}`,
  );
}
