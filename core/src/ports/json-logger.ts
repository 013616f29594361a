import type { LogFields, LogLevel, Logger } from "./logger.js";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Digit runs that could be payment card numbers (13-19 digits, spaces or dashes allowed). */
const CARD_LIKE = /(?<![\d.])\d(?:[ -]?\d){12,18}(?![\d.])/g;

/** Logs are read by more people than the data is: card-like numbers never reach them. */
export function redact(line: string): string {
  return line.replace(CARD_LIKE, "[redacted]");
}

export interface JsonLoggerOptions {
  level: LogLevel;
  /** Where each line goes (with its level, for sinks that file lines by severity); stdout by default. */
  write?: (line: string, level: LogLevel) => void;
  /** Turns a line into the cloud's shape (field names, severity); identity by default. */
  format?: (level: LogLevel, message: string, fields: LogFields) => Record<string, unknown>;
  fields?: LogFields;
}

const defaultFormat = (level: LogLevel, message: string, fields: LogFields) => ({
  level,
  message,
  time: new Date().toISOString(),
  ...fields,
});

/** One JSON object per line. */
export function jsonLogger(options: JsonLoggerOptions): Logger {
  const min = RANK[options.level];
  const write = options.write ?? ((line: string) => process.stdout.write(line + "\n"));
  const format = options.format ?? defaultFormat;
  const make = (base: LogFields): Logger => {
    const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
      if (RANK[level] < min) return;
      write(redact(JSON.stringify(format(level, message, fields ? { ...base, ...fields } : base))), level);
    };
    return {
      debug: log("debug"),
      info: log("info"),
      warn: log("warn"),
      error: log("error"),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
