import { isNetworkError, StoreUnavailable } from "@skyport/core";

/** gRPC status codes the SDK reports (google.rpc.Code). */
export const GrpcStatus = {
  CANCELLED: 1,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNAVAILABLE: 14,
} as const;

// Throttled, timed out or unreachable: worth retrying later, never the caller's fault.
const TRANSIENT_STATUS = new Set<number>([GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.UNAVAILABLE]);

/** The gRPC status of an SDK error, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

/** Thrown (as a StoreUnavailable's cause) when an operation outlives the store's deadline. */
export class FirestoreDeadlineExceeded extends Error {
  constructor(
    readonly operation: string,
    readonly deadlineMs: number,
    options?: ErrorOptions,
  ) {
    super(`firestore ${operation} did not finish within ${deadlineMs} ms`, options);
    this.name = "FirestoreDeadlineExceeded";
  }
}

/** What a store throws for an SDK error it has no domain meaning for. */
export function storeFailure(error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  // Socket errors reach us with Node's errno code instead of a gRPC status.
  const status = statusOf(error);
  const transient = status === undefined ? isNetworkError(error) : TRANSIENT_STATUS.has(status);
  return transient ? new StoreUnavailable(error) : error;
}
