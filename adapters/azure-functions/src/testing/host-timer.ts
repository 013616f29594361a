import type { Timer } from "@azure/functions";

/** The timer object the library hands an app.timer handler (camel-cased from the host's). */
export function hostTimer(isPastDue = false, now = new Date()): Timer {
  const hour = 3_600_000;
  return {
    isPastDue,
    schedule: { adjustForDST: true },
    scheduleStatus: {
      last: new Date(now.getTime() - hour).toISOString(),
      next: new Date(now.getTime() + hour).toISOString(),
      lastUpdated: new Date(now.getTime() - hour).toISOString(),
    },
  };
}
