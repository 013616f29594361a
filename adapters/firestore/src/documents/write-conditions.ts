import type { DocumentData, DocumentReference, Timestamp } from "@google-cloud/firestore";
import { StoreUnavailable } from "@skyport/core";
import { GrpcStatus, statusOf } from "../firestore-errors.js";

/** How often a write whose target keeps changing under it looks again before giving up. */
export const WRITE_ATTEMPTS = 5;

/** A write kept losing races for one document (each time it looked, someone else had written since). */
export class DocumentContended extends Error {
  constructor(readonly attempts: number) {
    super(`the document kept changing during ${attempts} attempts to write it`);
    this.name = "DocumentContended";
  }
}

export const contended = () => new StoreUnavailable(new DocumentContended(WRITE_ATTEMPTS));

/**
 * A transaction that Firestore aborted, after the SDK's own retries (lock contention): nothing of it
 * was written and no condition was found false, so the store could not serve it now.
 */
export function abortedAsUnavailable(error: unknown): unknown {
  return statusOf(error) === GrpcStatus.ABORTED ? new StoreUnavailable(error) : error;
}

/** create(): false if the id is taken (live or expired, the caller looks). */
export async function created(target: DocumentReference, data: DocumentData): Promise<boolean> {
  try {
    await target.create(data);
    return true;
  } catch (error) {
    if (statusOf(error) === GrpcStatus.ALREADY_EXISTS) return false;
    throw error;
  }
}

// FAILED_PRECONDITION: written since it was read; NOT_FOUND: deleted since.
const changedSinceRead = (error: unknown) => statusOf(error) === GrpcStatus.FAILED_PRECONDITION || statusOf(error) === GrpcStatus.NOT_FOUND;

/** update() with the precondition that the document is still as read: false if it was written or deleted since. */
export async function replacedIfUnchanged(target: DocumentReference, data: DocumentData, lastUpdateTime: Timestamp): Promise<boolean> {
  try {
    await target.update(data, { lastUpdateTime });
    return true;
  } catch (error) {
    if (changedSinceRead(error)) return false;
    throw error;
  }
}

/** delete() with the same precondition. */
export async function deletedIfUnchanged(target: DocumentReference, lastUpdateTime: Timestamp): Promise<boolean> {
  try {
    await target.delete({ lastUpdateTime });
    return true;
  } catch (error) {
    if (changedSinceRead(error)) return false;
    throw error;
  }
}
