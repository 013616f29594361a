export type BenchLogLevel = "info" | "warn";
/** Headline first. */
export const BENCH_LOG_LEVELS: readonly BenchLogLevel[] = ["info", "warn"];

/** What every measured handler answers, once its cloud's result is read back. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One handler under measurement. Events are built before the clock starts (the platform builds
 * them, not the handler); `invoke` is all that is timed.
 */
export interface Subject<Event = unknown, Result = unknown> {
  cloud: "aws" | "azure" | "gcp" | "core";
  /** The event format: "API Gateway 2.0", "Azure HttpRequest", ... */
  event: string;
  /** "Skyport", "hand-written", "Middy", "Hono". */
  layer: string;
  /**
   * The log level it runs at: `info`, what every template deploys (request logs on), is the
   * headline; `warn` (no info lines) is the second view. Compared with the hand-written function
   * at the same level.
   */
  logLevel: BenchLogLevel;
  /** A variant of the configuration, when one is measured besides the default. */
  note?: string;
  /** The events for one batch: `POST /orders` with the workload body, or `GET /orders/{id}`. */
  posts(count: number): Promise<Event[]> | Event[];
  gets(ids: string[]): Promise<Event[]> | Event[];
  /** Any request, for the parity check. */
  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Event> | Event;
  invoke(event: Event): Promise<Result>;
  answer(result: Result): Answer;
}

export const subjectName = (s: Pick<Subject, "cloud" | "event" | "layer" | "note" | "logLevel">) =>
  `${s.layer} · ${s.event} · logs at ${s.logLevel}${s.note ? ` (${s.note})` : ""}`;

/** A subject among others of other event types: the harness only hands each its own events. */
export const anySubject = <E, R>(subject: Subject<E, R>) => subject as unknown as Subject;
