import type { Collection } from "../collections/collection.js";
import { memoryDocuments } from "../collections/memory-documents.js";
import { idempotencyCollection, type IdempotencyDocument } from "../idempotency/collection.js";
import { collectionIdempotencyStore, heldRecord } from "../idempotency/collection-store.js";
import type { BeginResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from "../ports/idempotency-store.js";

/** Idempotency-Keys on memory documents: for demos, smoke tests and core's unit tests. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records: Collection<IdempotencyDocument> = memoryDocuments().collection(idempotencyCollection);
  private readonly store = collectionIdempotencyStore(this.records);

  begin(key: string, fingerprint: string, leaseUntil: Date, now: Date, resource?: string): Promise<BeginResult> {
    return this.store.begin(key, fingerprint, leaseUntil, now, resource);
  }

  complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    return this.store.complete(key, response, expiresAt);
  }

  release(key: string): Promise<void> {
    return this.store.release(key);
  }

  reserved(key: string): Promise<string | undefined> {
    return this.store.reserved(key);
  }

  /** The record that holds a key now: what a test reads back. */
  recordOf(key: string, now: Date): Promise<IdempotencyRecord | null> {
    return heldRecord(this.records, key, now);
  }
}
