/**
 * One schedule syntax for every cloud, in UTC: `every N minutes|hours|days` (`every hour` for
 * N = 1), or a 5-field cron: minute hour day-of-month month day-of-week (0-6, Sunday 0), each
 * field `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a list of those.
 * Each runtime adapter maps it to its cloud's own syntax and refuses what its cloud cannot express.
 */
export type Schedule = Rate | Cron;

/** A schedule of fixed intervals: `every 5 minutes`. */
export interface Rate {
  kind: "rate";
  every: number;
  unit: "minute" | "hour" | "day";
}

/** A five-field cron schedule (minute, hour, day of month, month, day of week), in UTC. */
export interface Cron {
  kind: "cron";
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
}

/** A schedule expression that no cloud can run; the message names the part at fault. */
export class ScheduleError extends Error {
  override name = "ScheduleError";
}

const RATE = /^every(?: (\d{1,4}))? (minute|hour|day)s?$/;
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "dayOfMonth", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "dayOfWeek", min: 0, max: 6 },
] as const;

/** Parses `every 5 minutes` or a five-field cron (UTC); a `ScheduleError` names what is wrong. */
export function parseSchedule(expression: string): Schedule {
  const text = expression.trim().replace(/\s+/g, " ");
  const rate = RATE.exec(text);
  if (rate) {
    const every = rate[1] === undefined ? 1 : Number(rate[1]);
    if (every < 1) throw new ScheduleError(`schedule ${JSON.stringify(expression)}: every must be at least 1`);
    return { kind: "rate", every, unit: rate[2] as Rate["unit"] };
  }
  const fields = text.split(" ");
  if (fields.length !== 5) {
    throw new ScheduleError(
      `schedule ${JSON.stringify(expression)}: write "every N minutes|hours|days" or 5 cron fields (minute hour day-of-month month day-of-week), UTC`,
    );
  }
  FIELDS.forEach((field, i) => {
    checkField(expression, field, fields[i]!);
  });
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  return { kind: "cron", minute, hour, dayOfMonth, month, dayOfWeek };
}

function checkField(expression: string, field: (typeof FIELDS)[number], text: string) {
  for (const part of text.split(",")) {
    const match = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
    const [, , from, to, step] = match ?? [];
    const inRange = (n: string | undefined) => n === undefined || (Number(n) >= field.min && Number(n) <= field.max);
    const ordered = from === undefined || to === undefined || Number(from) <= Number(to);
    if (
      !match ||
      !inRange(from) ||
      !inRange(to) ||
      !ordered ||
      (step !== undefined && Number(step) < 1) ||
      (step !== undefined && from !== undefined && to === undefined)
    ) {
      throw new ScheduleError(
        `schedule ${JSON.stringify(expression)}: ${field.name} ${JSON.stringify(part)} is not *, n, a-b, */n or a-b/n with values ${field.min}-${field.max}`,
      );
    }
  }
}

/** The values a cron field allows, for the local runtime's timer. */
export function fieldValues(text: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] = range === "*" ? [min, max] : range.includes("-") ? range.split("-").map(Number) : [Number(range), Number(range)];
    for (let v = from!; v <= to!; v += step) values.add(v);
  }
  return values;
}

const MINUTE_MS = 60_000;

/** The first time after `after` that the schedule fires (UTC); a rate counts from `after` itself. */
export function nextRun(schedule: Schedule, after: Date): Date {
  if (schedule.kind === "rate") {
    const unitMs = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: 24 * 60 * MINUTE_MS }[schedule.unit];
    return new Date(after.getTime() + schedule.every * unitMs);
  }
  const minutes = [...fieldValues(schedule.minute, 0, 59)].sort((a, b) => a - b);
  const hours = [...fieldValues(schedule.hour, 0, 23)].sort((a, b) => a - b);
  const days = fieldValues(schedule.dayOfMonth, 1, 31);
  const months = fieldValues(schedule.month, 1, 12);
  const weekdays = fieldValues(schedule.dayOfWeek, 0, 6);
  // Vixie cron: with both day fields restricted, either may match.
  const dayMatches = (d: Date) =>
    schedule.dayOfMonth !== "*" && schedule.dayOfWeek !== "*"
      ? days.has(d.getUTCDate()) || weekdays.has(d.getUTCDay())
      : days.has(d.getUTCDate()) && weekdays.has(d.getUTCDay());
  const DAY_MS = 24 * 60 * MINUTE_MS;
  const firstDay = Math.floor(after.getTime() / DAY_MS) * DAY_MS;
  // A schedule that has not fired in 5 years (30 February) never will.
  for (let day = firstDay; day < firstDay + 5 * 366 * DAY_MS; day += DAY_MS) {
    const date = new Date(day);
    if (!months.has(date.getUTCMonth() + 1) || !dayMatches(date)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const t = day + (hour * 60 + minute) * MINUTE_MS;
        if (t > after.getTime()) return new Date(t);
      }
    }
  }
  throw new ScheduleError("the schedule never fires");
}
