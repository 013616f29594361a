import { StoreUnavailable } from "@skyport/core";
import { FirestoreDeadlineExceeded, GrpcStatus, statusOf, storeFailure } from "./firestore-errors.js";
import { OperationDeadline } from "./operation-deadline.js";

const BOUND_STATUS = new Set<number | undefined>([GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED]);

/**
 * Runs one store operation within `deadlineMs`, the bound of every gRPC attempt the SDK makes
 * for it (see OperationDeadline). Left alone, the SDK retries a commit for up to ten minutes.
 * When the deadline passes, the operation's attempts are cancelled and its later retries refused
 * before the caller hears StoreUnavailable: a write reported as failed cannot land afterwards.
 */
export async function withinDeadline<T>(operation: string, deadlineMs: number, run: () => Promise<T>): Promise<T> {
  const deadline = new OperationDeadline(Date.now() + deadlineMs);
  const exceeded = (cause?: unknown) => new StoreUnavailable(new FirestoreDeadlineExceeded(operation, deadlineMs, { cause }));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.close(); // first, so that nothing of the operation goes out after we answer
      reject(exceeded());
    }, deadlineMs);
  });
  const attempt = deadline.run(run);
  try {
    return await Promise.race([attempt, expired]);
  } catch (error) {
    attempt.catch(() => {}); // an SDK retry loop asleep in its backoff settles later, refused
    // The bound itself ended the attempt (its gRPC deadline, or a refused retry) a moment before our timer fired.
    if (deadline.passed && BOUND_STATUS.has(statusOf(error))) throw exceeded(error);
    throw storeFailure(error);
  } finally {
    clearTimeout(timer);
    deadline.close();
  }
}
