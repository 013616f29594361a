import type { BatchResult, Context, HttpRequest, HttpResponse, Logger, Message, ScheduleTick } from "@skyport/core";

/** The neutral functions an app hands to this adapter (core's OrderService has all three). */
export interface NeutralFunctions {
  http(request: HttpRequest, context: Context): Promise<HttpResponse>;
  queue(messages: Message[], context: Context): Promise<BatchResult>;
  cleanup(tick: ScheduleTick, context: Context): Promise<unknown>;
}

/** Built on the first invocation and kept for the instance; a rejected start is retried. */
export type LazyFunctions<K extends keyof NeutralFunctions> = () => Promise<Pick<NeutralFunctions, K>>;

export interface AdapterOptions {
  /** The instance's logger; each invocation logs through a child that names its request id. */
  logger: Logger;
}
