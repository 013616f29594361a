import { StoreUnavailable } from "@skyport/core";
import { FirestoreDeadlineExceeded, storeFailure } from "./firestore-errors.js";

/**
 * Runs one store operation within `deadlineMs`. The SDK retries UNAVAILABLE on its own for up to
 * ten minutes and takes no per-call deadline, so without this a Firestore outage would hold a
 * request until the platform's timeout instead of answering 503.
 */
export async function withinDeadline<T>(operation: string, deadlineMs: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailable(new FirestoreDeadlineExceeded(operation, deadlineMs))), deadlineMs);
  });
  const attempt = run();
  try {
    return await Promise.race([attempt, expired]);
  } catch (error) {
    attempt.catch(() => {}); // an abandoned attempt may still fail later: nobody is waiting for it
    throw storeFailure(error);
  } finally {
    clearTimeout(timer);
  }
}
