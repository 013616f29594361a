import type { HttpResponse } from "../function/http.js";
import { Problem } from "../http/problem.js";
import type { IdempotencyRecord, StoredResponse } from "../ports/idempotency-store.js";

/** A response as kept for replay. */
export const storedResponse = (response: HttpResponse): StoredResponse => ({ status: response.status, headers: { ...response.headers }, body: response.body });

/** A kept response, sent again, marked `Idempotent-Replayed: true`. */
export function replay(stored: StoredResponse): HttpResponse {
  return { status: stored.status, headers: { ...stored.headers, "idempotent-replayed": "true" }, body: stored.body };
}

/** Whether the record was claimed by a request with this body (its fingerprint is `<hash>.<attempt>`). */
export const sameBody = (record: IdempotencyRecord, bodyHash: string): boolean => record.fingerprint.split(".", 1)[0] === bodyHash;

export const keyInFlight = () => new Problem("idempotency-in-flight", "A request with this Idempotency-Key is still running.");
export const keyMismatch = () => new Problem("idempotency-mismatch", "This Idempotency-Key was used with a different body.");
