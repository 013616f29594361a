import { IdempotencyRecordMissing, type BeginResult, type IdempotencyRecord, type IdempotencyStore, type StoredResponse } from "@skyport/core";
import type { Database, Statement, Transaction } from "better-sqlite3";
import { mapSqliteErrors } from "./sqlite-errors.js";

/** How many expired records one `begin` deletes: enough to keep up, small enough to stay fast. */
export const PURGE_BATCH = 100;

export interface RecordRow {
  key: string;
  fingerprint: string;
  state: IdempotencyRecord["state"];
  response: string | null;
  expires_at: number;
}

/** Idempotency records with expiry in epoch milliseconds; SQLite has no TTL, so `begin` purges. */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly purge: Statement<[{ now: number; batch: number }]>;
  private readonly claim: Statement<[{ key: string; fingerprint: string; expiresAt: number; now: number }], { key: string }>;
  private readonly select: Statement<[string], RecordRow>;
  private readonly finish: Statement;
  private readonly forget: Statement;
  private readonly beginOnce: Transaction<(key: string, fingerprint: string, expiresAt: number, now: number) => BeginResult>;

  constructor(db: Database) {
    this.purge = db.prepare(`DELETE FROM idempotency_keys WHERE key IN
      (SELECT key FROM idempotency_keys WHERE expires_at <= @now ORDER BY expires_at LIMIT @batch)`);
    // Put-if-absent where an expired record counts as absent: the conflict branch only takes over a dead record.
    this.claim = db.prepare(`INSERT INTO idempotency_keys (key, fingerprint, state, response, expires_at)
      VALUES (@key, @fingerprint, 'in-flight', NULL, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, state = 'in-flight', response = NULL,
        expires_at = excluded.expires_at WHERE idempotency_keys.expires_at <= @now
      RETURNING key`);
    this.select = db.prepare("SELECT * FROM idempotency_keys WHERE key = ?");
    this.finish = db.prepare("UPDATE idempotency_keys SET state = 'completed', response = ?, expires_at = ? WHERE key = ?");
    // Only an in-flight record is released: a kept response must outlive a late, stray release.
    this.forget = db.prepare("DELETE FROM idempotency_keys WHERE key = ? AND state = 'in-flight'");
    this.beginOnce = db.transaction((key: string, fingerprint: string, expiresAt: number, now: number): BeginResult => {
      this.purge.run({ now, batch: PURGE_BATCH });
      if (this.claim.get({ key, fingerprint, expiresAt, now })) return { started: true };
      return { started: false, existing: toRecord(this.select.get(key)!) };
    });
  }

  async begin(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<BeginResult> {
    // IMMEDIATE takes the write lock first, so another process cannot change the key between claim and read.
    return mapSqliteErrors(() => this.beginOnce.immediate(key, fingerprint, expiresAt.getTime(), now.getTime()));
  }

  async complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    const { changes } = mapSqliteErrors(() => this.finish.run(JSON.stringify(response), expiresAt.getTime(), key));
    if (changes === 0) throw new IdempotencyRecordMissing();
  }

  async release(key: string): Promise<void> {
    mapSqliteErrors(() => this.forget.run(key));
  }
}

export function toRecord(row: RecordRow): IdempotencyRecord {
  const record: IdempotencyRecord = {
    key: row.key,
    fingerprint: row.fingerprint,
    state: row.state,
    expiresAt: new Date(row.expires_at).toISOString(),
  };
  if (row.response !== null) record.response = JSON.parse(row.response) as StoredResponse;
  return record;
}
