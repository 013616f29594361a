import { IdempotencyRecordMissing } from "../ports/errors.js";
import type { BeginResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from "../ports/idempotency-store.js";

export class MemoryIdempotencyStore implements IdempotencyStore {
  /** `records` is given by tests that read the records back; production never does. */
  constructor(private readonly records = new Map<string, IdempotencyRecord>()) {}

  async begin(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<BeginResult> {
    const existing = this.live(key, now);
    if (existing) return { started: false, existing: structuredClone(existing) };
    this.records.set(key, { key, fingerprint, state: "in-flight", expiresAt: expiresAt.toISOString() });
    return { started: true };
  }

  async complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    const record = this.records.get(key);
    if (!record) throw new IdempotencyRecordMissing();
    this.records.set(key, { ...record, state: "completed", response: structuredClone(response), expiresAt: expiresAt.toISOString() });
  }

  async release(key: string): Promise<void> {
    this.records.delete(key);
  }

  private live(key: string, now: Date): IdempotencyRecord | undefined {
    const record = this.records.get(key);
    return record && record.expiresAt > now.toISOString() ? record : undefined;
  }
}
