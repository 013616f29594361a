import { Timestamp, type Firestore } from "@google-cloud/firestore";
import { EXPIRES_AT, IDEMPOTENCY_KEYS } from "../collections.js";
import { idempotencyDocumentId } from "../idempotency-document.js";

/**
 * The instant the TTL policy deletes a key's record at, in epoch seconds (rounded up), read
 * from the stored document. Undefined unless the field is a Timestamp, the only type TTL acts on.
 */
export async function ttlExpiryOf(firestore: Firestore, key: string): Promise<number | undefined> {
  const expiresAt: unknown = (await firestore.collection(IDEMPOTENCY_KEYS).doc(idempotencyDocumentId(key)).get()).get(EXPIRES_AT);
  return expiresAt instanceof Timestamp ? Math.ceil(expiresAt.toMillis() / 1000) : undefined;
}
