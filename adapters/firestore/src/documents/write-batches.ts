import type { DocumentData, DocumentReference, Firestore } from "@google-cloud/firestore";
import { StoreUnavailable, type PutOutcome } from "@skyport/core";
import { MAX_COMMIT_BYTES } from "./transaction.js";

/** Firestore's limit of writes in one batch. */
export const MAX_BATCH_WRITES = 500;

/** One upsert of putMany, at its place among the values. */
export interface BatchWrite {
  index: number;
  target: DocumentReference;
  data: DocumentData;
  bytes: number;
  version: string;
}

/** Writes in batches of up to 500 and under the commit limit, in order, so that a repeated key's last value wins. */
export function batchesOf(writes: readonly BatchWrite[]): BatchWrite[][] {
  const batches: BatchWrite[][] = [];
  let bytes = 0;
  for (const write of writes) {
    const open = batches.at(-1);
    if (open && open.length < MAX_BATCH_WRITES && bytes + write.bytes <= MAX_COMMIT_BYTES) {
      open.push(write);
      bytes += write.bytes;
    } else {
      batches.push([write]);
      bytes = write.bytes;
    }
  }
  return batches;
}

/**
 * Commits the writes batch after batch (each WriteBatch is all or nothing) and records each
 * value's outcome: its version, or its batch's error. Once the store is unavailable the batches
 * left are not sent, and their values carry that error: nothing of them was written.
 */
export async function commitBatches(
  firestore: Firestore,
  writes: readonly BatchWrite[],
  outcomes: PutOutcome[],
  commit: (run: () => Promise<unknown>) => Promise<unknown>,
): Promise<void> {
  let unavailable: StoreUnavailable | undefined;
  for (const batch of batchesOf(writes)) {
    try {
      if (unavailable) throw unavailable;
      await commit(() => {
        const writing = firestore.batch();
        for (const { target, data } of batch) writing.set(target, data);
        return writing.commit();
      });
      for (const { index, version } of batch) outcomes[index] = { version };
    } catch (error) {
      if (error instanceof StoreUnavailable) unavailable = error;
      for (const { index } of batch) outcomes[index] = { error: error as Error };
    }
  }
}
