/**
 * The few shapes of @grpc/grpc-js (the SDK's transport) that the store touches, written out
 * because grpc-js is the SDK's dependency, not ours; they follow its `client.d.ts` and
 * `client-interceptors.d.ts` (1.x).
 */

/** A deadline as grpc-js takes it: a Date, or milliseconds since the epoch (Infinity: none). */
export type GrpcDeadline = Date | number;

/** grpc-js's `Metadata`, as far as the store uses it. */
export interface GrpcMetadata {
  getOptions(): Record<string, unknown>;
  setOptions(options: Record<string, unknown>): void;
}

export interface GrpcStatusObject {
  code: number;
  details: string;
  metadata: GrpcMetadata;
}

export interface GrpcCallListener {
  onReceiveMetadata?(metadata: GrpcMetadata): void;
  onReceiveMessage?(message: unknown): void;
  onReceiveStatus?(status: GrpcStatusObject): void;
}

/** grpc-js's `InterceptingCallInterface`: one attempt of an RPC. */
export interface GrpcAttempt {
  start(metadata: GrpcMetadata, listener?: GrpcCallListener): void;
  sendMessage(message: unknown): void;
  sendMessageWithContext(context: { callback?: (error?: Error) => void }, message: unknown): void;
  startRead(): void;
  halfClose(): void;
  cancelWithStatus(code: number, details: string): void;
  getPeer(): string;
  getAuthContext(): null;
}

export interface GrpcCallOptions {
  deadline?: GrpcDeadline;
  interceptors?: GrpcInterceptor[];
  [option: string]: unknown;
}

export type GrpcInterceptor = (options: GrpcCallOptions, nextCall: (options: GrpcCallOptions) => GrpcAttempt) => GrpcAttempt;

/** What grpc-js hands a `callInvocationTransformer` before it starts an attempt. */
export interface GrpcCallProperties {
  /** The request message: for the SDK's unary and server-streaming calls, one object per operation. */
  argument?: unknown;
  metadata: GrpcMetadata;
  callOptions: GrpcCallOptions;
  [property: string]: unknown;
}

export type GrpcCallInvocationTransformer = (properties: GrpcCallProperties) => GrpcCallProperties;
