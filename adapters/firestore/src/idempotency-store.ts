import { Timestamp, type CollectionReference, type DocumentReference, type Firestore } from "@google-cloud/firestore";
import { IdempotencyRecordMissing, StoreUnavailable, type BeginResult, type IdempotencyStore, type StoredResponse } from "@skyport/core";
import { EXPIRES_AT, IDEMPOTENCY_KEYS } from "./collections.js";
import { withinDeadline } from "./deadline.js";
import { GrpcStatus, statusOf } from "./firestore-errors.js";
import { idempotencyDocumentId, inFlightDocument, type IdempotencyDocument, isLive, recordFrom, storedResponse } from "./idempotency-document.js";
import { DEFAULT_DEADLINE_MS, type FirestoreStoreOptions } from "./store-options.js";

/** begin() kept losing races for one key (each round someone else took over or released it). */
export class IdempotencyKeyContended extends Error {
  constructor(readonly attempts: number) {
    super(`idempotency key still contended after ${attempts} attempts`);
    this.name = "IdempotencyKeyContended";
  }
}

const BEGIN_ATTEMPTS = 5;

/** Idempotency records in `idempotencyKeys`, deleted by a TTL policy on `expiresAt`. */
export class FirestoreIdempotencyStore implements IdempotencyStore {
  private readonly records: CollectionReference;
  private readonly deadlineMs: number;

  constructor(firestore: Firestore, options: FirestoreStoreOptions = {}) {
    this.records = firestore.collection(IDEMPOTENCY_KEYS);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  /**
   * create() is the put-if-absent. An expired record the TTL policy has not deleted yet is
   * removed with a precondition on its update time, so that of two requests taking it over
   * only one can succeed, and create() is tried again.
   */
  begin(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<BeginResult> {
    return this.call("begin", async () => {
      const ref = this.ref(key);
      for (let attempt = 1; attempt <= BEGIN_ATTEMPTS; attempt++) {
        if (await created(ref, inFlightDocument(key, fingerprint, expiresAt))) return { started: true };
        const snapshot = await ref.get();
        if (isLive(snapshot, now)) return { started: false, existing: recordFrom(snapshot) };
        if (snapshot.exists) await deletedIfUnchanged(ref, snapshot.updateTime!);
      }
      throw new StoreUnavailable(new IdempotencyKeyContended(BEGIN_ATTEMPTS));
    });
  }

  complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    return this.call("complete", async () => {
      try {
        await this.ref(key).update({ state: "completed", response: storedResponse(response), [EXPIRES_AT]: Timestamp.fromDate(expiresAt) });
      } catch (error) {
        if (statusOf(error) === GrpcStatus.NOT_FOUND) throw new IdempotencyRecordMissing();
        throw error;
      }
    });
  }

  release(key: string): Promise<void> {
    return this.call("release", async () => {
      await this.ref(key).delete();
    });
  }

  private ref(key: string): DocumentReference {
    return this.records.doc(idempotencyDocumentId(key));
  }

  private call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return withinDeadline(`idempotency.${operation}`, this.deadlineMs, run);
  }
}

async function created(ref: DocumentReference, document: IdempotencyDocument): Promise<boolean> {
  try {
    await ref.create(document);
    return true;
  } catch (error) {
    if (statusOf(error) === GrpcStatus.ALREADY_EXISTS) return false;
    throw error;
  }
}

/** Someone else may have taken the expired record over first: then theirs stays, and we read it next round. */
async function deletedIfUnchanged(ref: DocumentReference, lastUpdateTime: Timestamp): Promise<void> {
  try {
    await ref.delete({ lastUpdateTime });
  } catch (error) {
    if (statusOf(error) !== GrpcStatus.FAILED_PRECONDITION && statusOf(error) !== GrpcStatus.NOT_FOUND) throw error;
  }
}
