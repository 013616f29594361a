import host from "./host.json" with { type: "json" };

/** "hh:mm:ss" (host.json's TimeSpan form) in milliseconds. */
function timeSpanMs(span: string): number {
  const [hours, minutes, seconds] = span.split(":").map(Number) as [number, number, number];
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/** The host.json values the handlers must agree with: one file says them for both. */
export const HOST_SETTINGS = {
  maxDequeueCount: host.extensions.queues.maxDequeueCount,
  functionTimeoutMs: timeSpanMs(host.functionTimeout),
};
