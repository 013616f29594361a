import { randomBytes, randomUUID } from "node:crypto";
import { format } from "node:util";
import { InvocationContext, type LogLevel, type TriggerMetadata } from "@azure/functions";

/** One line an invocation logged, as the worker forwards it to the host and Application Insights. */
export interface InvocationLog {
  level: LogLevel;
  message: string;
}

/** An invocation as the host starts it: the function, its trigger type and metadata, and where its logs go. */
export interface HostInvocation {
  functionName: string;
  /** The binding type the host names the trigger by: httpTrigger, queueTrigger, timerTrigger. */
  triggerType: string;
  triggerMetadata?: TriggerMetadata;
  /** Receives every line the handler logs through the context. */
  logs?: InvocationLog[];
}

/** A W3C traceparent like the one the host opens for each invocation. */
export function hostTraceparent(): string {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-01`;
}

/**
 * An InvocationContext as the library builds it from the host's invocation request
 * (InvocationModel.getArguments): a GUID id, the host's trace context, the trigger's metadata.
 */
export function hostInvocationContext(invocation: HostInvocation): InvocationContext {
  const logs = invocation.logs;
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName: invocation.functionName,
    traceContext: { traceParent: hostTraceparent(), traceState: "", attributes: {} },
    triggerMetadata: invocation.triggerMetadata,
    logHandler: (level, ...args) => logs?.push({ level, message: format(...args) }),
    options: { trigger: { type: invocation.triggerType, name: invocation.triggerType.replace(/Trigger$/, "") } },
  });
}
