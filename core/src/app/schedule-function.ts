import type { ScheduleHandler } from "../function/handlers.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";
import { parseSchedule, type Schedule } from "./schedule-expression.js";

/** A schedule function's trigger: its expression as declared, and as parsed. */
export interface ScheduleTrigger {
  kind: "schedule";
  /** As declared, e.g. `every 1 hour` or `0 3 * * *` (UTC). */
  expression: string;
  schedule: Schedule;
}

declare module "./app.js" {
  interface TriggerKinds {
    schedule: { trigger: ScheduleTrigger; handler: ScheduleHandler };
  }
}

/** A scheduled function. The expression is checked as the app is declared, so a typo fails the build. */
export function schedule<S>(expression: string, handler: (services: S) => ScheduleHandler, options: FunctionOptions = {}): AppFunction<S, "schedule"> {
  return {
    trigger: { kind: "schedule", expression, schedule: parseSchedule(expression) },
    publishes: options.publishes ?? [],
    collections: collectionsUsed(options),
    secrets: secretsUsed(options),
    bind: handler,
  };
}
