import type { Firestore } from "@google-cloud/firestore";
import type { IdempotencyRecord } from "@skyport/core";
import { IDEMPOTENCY_KEYS } from "../collections.js";
import { idempotencyDocumentId, isLive, recordFrom } from "../idempotency-document.js";

/** The live record for a key, read straight from the collection: for tests, since production never reads one back. */
export async function idempotencyRecordOf(firestore: Firestore, key: string, now: Date): Promise<IdempotencyRecord | null> {
  const snapshot = await firestore.collection(IDEMPOTENCY_KEYS).doc(idempotencyDocumentId(key)).get();
  return isLive(snapshot, now) ? recordFrom(snapshot) : null;
}
