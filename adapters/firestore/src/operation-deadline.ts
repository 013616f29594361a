import { AsyncLocalStorage } from "node:async_hooks";
import { GrpcStatus } from "./firestore-errors.js";
import type { GrpcAttempt, GrpcCallInvocationTransformer, GrpcCallOptions, GrpcDeadline } from "./grpc-call.js";
import { RefusedAttempt } from "./refused-attempt.js";

/**
 * The deadline of one store operation, which binds every gRPC attempt the SDK makes for it:
 * attempts still open when it passes are cancelled, and attempts started after it (the SDK's
 * retries) are refused before they reach the network. So once it has passed nothing of the
 * operation can still be written, short of a request already on the wire.
 */
export class OperationDeadline {
  private open = true;
  private readonly attempts = new Set<GrpcAttempt>();

  constructor(readonly at: number) {}

  /** Runs the operation so that the SDK's attempts for it find this deadline. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    return current.run(this, operation);
  }

  get passed(): boolean {
    return !this.open || Date.now() >= this.at;
  }

  /** From here on attempts are refused; open ones end as CANCELLED, which no SDK loop retries. */
  close(): void {
    this.open = false;
    for (const attempt of this.attempts) attempt.cancelWithStatus(GrpcStatus.CANCELLED, "the store operation's deadline has passed");
    this.attempts.clear();
  }

  /** A grpc-js interceptor, the last before the channel, on each attempt of the operation. */
  readonly intercept = (options: GrpcCallOptions, nextCall: (options: GrpcCallOptions) => GrpcAttempt): GrpcAttempt => {
    if (this.passed) return new RefusedAttempt();
    const attempt = nextCall({ ...options, deadline: Math.min(millisOf(options.deadline), this.at + BACKSTOP_MS) });
    this.attempts.add(attempt);
    return attempt;
  };
}

/**
 * An attempt's own gRPC deadline comes this long after the operation's, so that close() at the
 * operation's deadline is what ends it, always the same way; it backs close() up, and tells
 * Firestore when to stop working on the request.
 */
const BACKSTOP_MS = 250;

const current = new AsyncLocalStorage<OperationDeadline>();
// The SDK's own retries of a unary call may run in another async context; they resend the same request object.
const byRequest = new WeakMap<object, OperationDeadline>();

function deadlineOf(request: unknown): OperationDeadline | undefined {
  const isObject = typeof request === "object" && request !== null;
  const known = isObject ? byRequest.get(request) : undefined;
  if (known) return known;
  const deadline = current.getStore();
  if (deadline && isObject) byRequest.set(request, deadline);
  return deadline;
}

/**
 * The client's `grpc.callInvocationTransformer`: puts each attempt made for a store operation
 * under that operation's deadline. Such an attempt also waits for a connection (waitForReady)
 * instead of failing at once while the channel reconnects: the deadline ends the wait, and the
 * SDK does not spin through fast-failing retries whose backoff would outlast it.
 */
export const boundByOperationDeadline: GrpcCallInvocationTransformer = (properties) => {
  const deadline = deadlineOf(properties.argument);
  if (!deadline) return properties;
  properties.metadata.setOptions({ ...properties.metadata.getOptions(), waitForReady: true });
  const interceptors = [...(properties.callOptions.interceptors ?? []), deadline.intercept];
  return { ...properties, callOptions: { ...properties.callOptions, interceptors } };
};

function millisOf(deadline: GrpcDeadline | undefined): number {
  return deadline instanceof Date ? deadline.getTime() : (deadline ?? Infinity);
}
