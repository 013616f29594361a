import type { BatchResult, Context, HttpRequest, HttpResponse, LogLevel, Message, ScheduleTick } from "@skyport/core";

/** The three neutral functions an app hands to this adapter (core's OrderService is one). */
export interface NeutralFunctions {
  http(request: HttpRequest, context: Context): Promise<HttpResponse>;
  queue(messages: Message[], context: Context): Promise<BatchResult>;
  cleanup(tick: ScheduleTick, context: Context): Promise<unknown>;
}

/** Built on the first invocation and kept for the instance; a rejected start is retried. */
export type LazyFunctions = () => Promise<NeutralFunctions>;

export interface AdapterOptions {
  logLevel: LogLevel;
  /** host.json `functionTimeout` in ms: the host stops an invocation after it. */
  functionTimeoutMs?: number;
}
