import type { Collection } from "../collections/collection.js";
import { DocumentExists, IdempotencyRecordMissing, StoreUnavailable, VersionConflict } from "../ports/errors.js";
import type { BeginResult, IdempotencyRecord, IdempotencyStore } from "../ports/idempotency-store.js";
import { IDEMPOTENCY_TTL_MS } from "./keys.js";
import type { IdempotencyDocument } from "./collection.js";

/** Claims that meet another attempt's write in between read again; each round has a winner, so a few suffice. */
const CLAIM_ROUNDS = 5;

const recordOf = ({ released: _, retainUntil: __, ...record }: IdempotencyDocument): IdempotencyRecord => record;

/** Whether a record still holds its key: completed and kept, or in flight within its lease and not released. */
const holds = (record: IdempotencyDocument, now: Date) => !record.released && Date.parse(record.expiresAt) > now.getTime();

/**
 * Idempotency-Keys on any store's collection, every change conditioned on the version read. An
 * in-flight record stays past its lease (for the key's retention), so the attempt that takes the
 * key over makes the resource the first attempt reserved: a crash between the order and the
 * stored answer can never make a second order.
 */
export function collectionIdempotencyStore(records: Collection<IdempotencyDocument>, retentionMs = IDEMPOTENCY_TTL_MS): IdempotencyStore {
  return {
    async begin(key, fingerprint, leaseUntil, now, resource): Promise<BeginResult> {
      for (let round = 0; round < CLAIM_ROUNDS; round++) {
        const stored = await records.get({ key });
        const claim = (kept: string | undefined): IdempotencyDocument => ({
          key,
          fingerprint,
          state: "in-flight",
          ...(kept !== undefined && { resource: kept }),
          expiresAt: leaseUntil.toISOString(),
          retainUntil: new Date(leaseUntil.getTime() + retentionMs).toISOString(),
        });
        try {
          if (!stored) {
            await records.create(claim(resource));
            return { started: true, ...(resource !== undefined && { resource }) };
          }
          if (holds(stored.value, now)) return { started: false, existing: recordOf(stored.value) };
          // Released, or its attempt outlived its lease: taken over with what it reserved.
          const kept = stored.value.state === "in-flight" ? (stored.value.resource ?? resource) : resource;
          await records.put(claim(kept), { ifVersion: stored.version });
          return { started: true, ...(kept !== undefined && { resource: kept }) };
        } catch (error) {
          if (!(error instanceof DocumentExists || error instanceof VersionConflict)) throw error;
        }
      }
      throw new StoreUnavailable(new Error(`the idempotency key changed ${CLAIM_ROUNDS} times while it was claimed`));
    },

    async complete(key, response, expiresAt) {
      const stored = await records.get({ key });
      if (stored?.value.state !== "in-flight" || stored.value.released) throw new IdempotencyRecordMissing();
      const kept = expiresAt.toISOString();
      const completed: IdempotencyDocument = { ...stored.value, state: "completed", response, expiresAt: kept, retainUntil: kept };
      await records.put(completed, { ifVersion: stored.version }).catch((error: unknown) => {
        throw error instanceof VersionConflict ? new IdempotencyRecordMissing() : error;
      });
    },

    async release(key) {
      const stored = await records.get({ key });
      // Only an in-flight record is released: a kept response must outlive a late, stray release.
      if (stored?.value.state !== "in-flight" || stored.value.released) return;
      await records.put({ ...stored.value, released: true }, { ifVersion: stored.version }).catch((error: unknown) => {
        if (!(error instanceof VersionConflict)) throw error;
      });
    },

    async reserved(key) {
      return (await records.get({ key }))?.value.resource;
    },
  };
}

/** The record that holds a key now, or null: what a test reads back. */
export async function heldRecord(records: Collection<IdempotencyDocument>, key: string, now: Date): Promise<IdempotencyRecord | null> {
  const stored = await records.get({ key });
  return stored && holds(stored.value, now) ? recordOf(stored.value) : null;
}
