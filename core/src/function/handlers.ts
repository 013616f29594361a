import type { Context } from "./context.js";
import type { HttpRequest, HttpResponse } from "./http.js";
import type { BatchResult, Message } from "./message.js";
import type { ScheduleTick } from "./schedule.js";

/** The neutral handler of each trigger kind: what a runtime adapter calls after translating an event. */
export type HttpHandler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;
/** A queue function's handler: a batch of messages in, the ones that failed out (the rest are acknowledged). */
export type QueueHandler = (messages: Message[], context: Context) => Promise<BatchResult>;
/** A schedule function's handler: runs once per tick. */
export type ScheduleHandler = (tick: ScheduleTick, context: Context) => Promise<unknown>;

/** A handler built on the first invocation and kept for the instance; a rejected build is retried. */
export type Lazy<T> = () => Promise<T>;
