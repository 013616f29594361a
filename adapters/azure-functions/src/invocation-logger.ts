import type { InvocationContext } from "@azure/functions";
import type { LogFields, LogLevel, Logger } from "@skyport/core";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A Logger that writes through the invocation's own log methods, so that Application Insights
 * files each line under the invocation's operation and at its severity.
 */
export function invocationLogger(invocation: InvocationContext, level: LogLevel, fields: LogFields = {}): Logger {
  const min = RANK[level];
  const make = (base: LogFields): Logger => {
    const log = (at: LogLevel) => (message: string, extra?: LogFields) => {
      if (RANK[at] < min) return;
      invocation[at](JSON.stringify({ level: at, message, ...base, ...extra }));
    };
    return {
      debug: log("debug"),
      info: log("info"),
      warn: log("warn"),
      error: log("error"),
      child: (more) => make({ ...base, ...more }),
    };
  };
  return make(fields);
}
