import { GrpcStatus } from "./firestore-errors.js";
import type { GrpcAttempt, GrpcCallListener, GrpcMetadata } from "./grpc-call.js";

/**
 * An attempt that the SDK starts after its operation's deadline (a retry waking from its
 * backoff): it ends at once with CANCELLED, which no SDK retry loop retries, and never opens a
 * stream, so nothing of it reaches Firestore.
 */
export class RefusedAttempt implements GrpcAttempt {
  start(metadata: GrpcMetadata, listener?: GrpcCallListener): void {
    // Empty trailers of grpc-js's own Metadata class: the SDK reads error details from them.
    const trailers = new (metadata.constructor as new () => GrpcMetadata)();
    // grpc-js reports a status asynchronously, after the caller has sent its message and half-closed.
    process.nextTick(() =>
      listener?.onReceiveStatus?.({ code: GrpcStatus.CANCELLED, details: "the store operation's deadline has passed", metadata: trailers }),
    );
  }
  sendMessage(): void {}
  sendMessageWithContext(context: { callback?: (error?: Error) => void }): void {
    context.callback?.();
  }
  startRead(): void {}
  halfClose(): void {}
  cancelWithStatus(): void {}
  getPeer(): string {
    return "";
  }
  getAuthContext(): null {
    return null;
  }
}
