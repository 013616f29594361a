import type { Context } from "./context.js";
import type { HttpRequest, HttpResponse } from "./http.js";
import type { BatchResult, Message } from "./message.js";
import type { ScheduleTick } from "./schedule.js";

/** What an app hands to a runtime adapter: the three neutral functions (an OrderService is one). */
export interface NeutralFunctions {
  http(request: HttpRequest, context: Context): Promise<HttpResponse>;
  queue(messages: Message[], context: Context): Promise<BatchResult>;
  cleanup(tick: ScheduleTick, context: Context): Promise<unknown>;
}

/** Built on the first invocation and kept for the instance; a rejected start is retried. */
export type LazyFunctions<K extends keyof NeutralFunctions = keyof NeutralFunctions> = () => Promise<Pick<NeutralFunctions, K>>;
