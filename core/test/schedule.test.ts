import { describe, expect, it } from "vitest";
import { nextRun, parseSchedule, ScheduleError } from "../src/index.js";

describe("one schedule syntax, in UTC", () => {
  it("reads rates and 5-field crons", () => {
    expect(parseSchedule("every 1 hour")).toEqual({ kind: "rate", every: 1, unit: "hour" });
    expect(parseSchedule("every hour")).toEqual({ kind: "rate", every: 1, unit: "hour" });
    expect(parseSchedule("every 15 minutes")).toEqual({ kind: "rate", every: 15, unit: "minute" });
    expect(parseSchedule("every 2 days")).toEqual({ kind: "rate", every: 2, unit: "day" });
    expect(parseSchedule(" 0  3 * * 1-5 ")).toEqual({ kind: "cron", minute: "0", hour: "3", dayOfMonth: "*", month: "*", dayOfWeek: "1-5" });
    expect(parseSchedule("*/10 8-18/2 1,15 * *")).toMatchObject({ minute: "*/10", hour: "8-18/2", dayOfMonth: "1,15" });
  });

  it.each([
    ["every 0 hours", /at least 1/],
    ["each hour", /every N minutes/],
    ["0 3 * *", /5 cron fields/],
    ["60 * * * *", /minute "60"/],
    ["0 24 * * *", /hour "24"/],
    ["0 0 0 * *", /dayOfMonth "0"/],
    ["0 0 * 13 *", /month "13"/],
    ["0 0 * * 7", /dayOfWeek "7"/],
    ["0 0 * * MON", /dayOfWeek "MON"/],
    ["5-1 * * * *", /minute "5-1"/],
    ["*/0 * * * *", /minute "\*\/0"/],
  ])("refuses %s, saying what it allows", (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(ScheduleError);
    expect(() => parseSchedule(expression)).toThrow(message);
  });

  it("knows the next run: a rate counts from now, a cron matches its fields", () => {
    const at = new Date("2026-11-27T10:17:30Z"); // a Friday
    expect(nextRun(parseSchedule("every 1 hour"), at)).toEqual(new Date("2026-11-27T11:17:30Z"));
    expect(nextRun(parseSchedule("0 3 * * *"), at)).toEqual(new Date("2026-11-28T03:00:00Z"));
    expect(nextRun(parseSchedule("*/15 * * * *"), at)).toEqual(new Date("2026-11-27T10:30:00Z"));
    expect(nextRun(parseSchedule("0 9 * * 1"), at)).toEqual(new Date("2026-11-30T09:00:00Z"));
    // Both day fields restricted: either matches (as cron does).
    expect(nextRun(parseSchedule("0 0 1 * 6"), at)).toEqual(new Date("2026-11-28T00:00:00Z"));
  });

  it("says so when a cron can never fire", () => {
    expect(() => nextRun(parseSchedule("0 0 30 2 *"), new Date("2026-01-01T00:00:00Z"))).toThrow(/never fires/);
  });
});
