/** A log line's severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";
/** The structured fields of a log line, beside its message. */
export type LogFields = Record<string, unknown>;

/** Structured logs: a message and its fields per line; `child` adds fields to every line it writes. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line. */
  child(fields: LogFields): Logger;
}
