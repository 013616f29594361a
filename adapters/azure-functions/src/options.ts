import { readLogLevel, type Env, type LogLevel } from "@skyport/core";

/** What every handler of this adapter needs besides its handler. */
export interface AdapterOptions {
  logLevel: LogLevel;
  /** host.json `functionTimeout` in ms: the host stops an invocation after it. */
  functionTimeoutMs?: number;
}

/** A queue handler's options: the adapter's, and the attempt after which the host gives a message up. */
export interface QueueHandlerOptions extends AdapterOptions {
  /** host.json `extensions.queues.maxDequeueCount`: the attempt after which the host gives up. */
  maxDequeueCount: number;
}

/** How an app's functions are registered with the worker: the handlers' options and the queues' connection. */
export interface RegistrationOptions extends QueueHandlerOptions {
  /** Prefix of the app settings that say how to reach the queues (identity-based: `__queueServiceUri`). */
  queueConnection?: string;
}

/** The app settings' log level and the app's host.json, as the handlers read them. */
export function readAdapterOptions(host: HostJson, env: Env): RegistrationOptions {
  return { logLevel: readLogLevel(env), ...hostSettings(host) };
}

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
