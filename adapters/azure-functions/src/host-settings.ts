/** The parts of host.json the handlers must agree with. */
export interface HostJson {
  functionTimeout?: string;
  extensions?: { queues?: { maxDequeueCount?: number } };
}

/** "hh:mm:ss" (host.json's TimeSpan form) in milliseconds. */
function timeSpanMs(span: string): number {
  const [hours, minutes, seconds] = span.split(":").map(Number) as [number, number, number];
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * What the handlers read from the app's host.json, so that one file says it for both: the host's
 * functionTimeout (the deadline) and maxDequeueCount (the last attempt before the poison queue; 5 by default).
 */
export function hostSettings(host: HostJson): { functionTimeoutMs?: number; maxDequeueCount: number } {
  return {
    maxDequeueCount: host.extensions?.queues?.maxDequeueCount ?? 5,
    ...(host.functionTimeout === undefined ? {} : { functionTimeoutMs: timeSpanMs(host.functionTimeout) }),
  };
}
