import type { IdempotencyRecord } from "@skyport/core";
import type { Database } from "better-sqlite3";
import { toRecord, type RecordRow } from "../idempotency-store.js";

/** The live record for a key, read straight from the file: for tests, since production never reads one back. */
export function idempotencyRecordIn(db: Database, key: string, now: Date): IdempotencyRecord | null {
  const row = db.prepare<[string, number], RecordRow>("SELECT * FROM idempotency_keys WHERE key = ? AND expires_at > ?").get(key, now.getTime());
  return row ? toRecord(row) : null;
}
