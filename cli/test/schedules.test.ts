import { eventBridgeSchedule } from "@skyport/aws-lambda/schedule";
import { ncrontabSchedule } from "@skyport/azure-functions/schedule";
import { parseSchedule } from "@skyport/core";
import { cloudSchedulerSchedule } from "@skyport/gcp-functions/schedule";
import { describe, expect, it } from "vitest";

// One declared schedule, in each cloud's own syntax, or refused where the cloud cannot say it.
const CASES: [string, string | RegExp, string | RegExp, string | RegExp][] = [
  // declared              EventBridge                        Cloud Scheduler (UTC)   Azure NCRONTAB
  ["every 1 hour", "rate(1 hour)", "0 * * * *", "0 0 * * * *"],
  ["every 15 minutes", "rate(15 minutes)", "*/15 * * * *", "0 */15 * * * *"],
  ["every 6 hours", "rate(6 hours)", "0 */6 * * *", "0 0 */6 * * *"],
  ["every 1 day", "rate(1 day)", "0 0 * * *", "0 0 0 * * *"],
  ["every 7 minutes", "rate(7 minutes)", /divide the hour/, /divide the hour/],
  ["every 2 days", "rate(2 days)", /divide the month/, /divide the month/],
  ["0 3 * * *", "cron(0 3 * * ? *)", "0 3 * * *", "0 0 3 * * *"],
  ["30 2 1 * *", "cron(30 2 1 * ? *)", "30 2 1 * *", "0 30 2 1 * *"],
  // Days of the week: Sunday is 0 in cron and NCRONTAB, 1 in EventBridge.
  ["0 9 * * 1-5", "cron(0 9 ? * 2-6 *)", "0 9 * * 1-5", "0 0 9 * * 1-5"],
  ["0 9 * * 0,6", "cron(0 9 ? * 1,7 *)", "0 9 * * 0,6", "0 0 9 * * 0,6"],
  ["0 9 * * */2", /no step/, "0 9 * * */2", "0 0 9 * * */2"],
  ["0 0 1 * 1", /both the day of the month and the day of the week/, "0 0 1 * 1", "0 0 0 1 * 1"],
];

describe("a declared schedule in each cloud's syntax", () => {
  it.each(CASES)("%s", (declared, aws, gcp, azure) => {
    const schedule = parseSchedule(declared);
    for (const [map, wanted] of [
      [eventBridgeSchedule, aws],
      [cloudSchedulerSchedule, gcp],
      [ncrontabSchedule, azure],
    ] as const) {
      if (typeof wanted === "string") expect(map(schedule)).toBe(wanted);
      else expect(() => map(schedule)).toThrow(wanted);
    }
  });
});
