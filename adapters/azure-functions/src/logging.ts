import type { InvocationContext } from "@azure/functions";
import { jsonLogger, type LogFields, type LogLevel, type Logger } from "@skyport/core";

/**
 * A Logger that writes through the invocation's own log methods, so that Application Insights
 * files each line under the invocation's operation and at its severity.
 */
export function invocationLogger(invocation: InvocationContext, level: LogLevel, fields: LogFields = {}): Logger {
  return jsonLogger({
    level,
    fields,
    format: (at, message, more) => Object.assign({ level: at, message }, more),
    write: (line, at) => invocation[at](line),
  });
}
