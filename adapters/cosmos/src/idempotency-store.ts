import type { Container, PatchOperation, Resource } from "@azure/cosmos";
import {
  IdempotencyRecordMissing,
  StoreUnavailable,
  type BeginResult,
  type IdempotencyRecord,
  type IdempotencyStore,
  type StoredResponse,
} from "@skyport/core";
import { RecordTtl } from "./record-ttl.js";
import { statusOf, storeFailure } from "./sdk-errors.js";

/** A record as stored: the id is the key, `ttl` is what Cosmos DB's expiry acts on. */
export interface RecordItem {
  id: string;
  fingerprint: string;
  state: IdempotencyRecord["state"];
  response?: StoredResponse;
  expiresAt: string;
  ttl: number;
}

export type RecordDocument = RecordItem & Resource;
type NewRecord = Omit<RecordItem, "response" | "ttl">;

// Enough for a begin to meet a release or a takeover in between, and still answer.
const BEGIN_ATTEMPTS = 3;

/** Idempotency records in the `idempotency` container (partitioned by /id, TTL on, per item). */
export class CosmosIdempotencyStore implements IdempotencyStore {
  private readonly ttl = new RecordTtl();

  /** `clock` is this host's time in ms; the server's own clock decides expiry, see `written`. */
  constructor(
    private readonly container: Container,
    private readonly clock: () => number = Date.now,
  ) {}

  async begin(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<BeginResult> {
    const fresh: NewRecord = { id: key, fingerprint, state: "in-flight", expiresAt: expiresAt.toISOString() };
    try {
      for (let attempt = 0; attempt < BEGIN_ATTEMPTS; attempt++) {
        if (await this.create(fresh, expiresAt)) return { started: true };
        const existing = await this.read(key);
        if (existing && live(existing, now)) return { started: false, existing: toRecord(existing) };
        // Expired but not yet removed by the TTL: take it over, unless another begin does first.
        if (existing && (await this.takeOver(existing, fresh, expiresAt))) return { started: true };
      }
    } catch (error) {
      throw storeFailure(error);
    }
    throw new StoreUnavailable();
  }

  async complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    const operations: PatchOperation[] = [
      { op: "set", path: "/state", value: "completed" },
      { op: "set", path: "/response", value: response },
      { op: "set", path: "/expiresAt", value: expiresAt.toISOString() },
    ];
    try {
      await this.written(expiresAt, (ttl) => this.container.item(key, key).patch<RecordItem>([...operations, { op: "set", path: "/ttl", value: ttl }]));
    } catch (error) {
      if (statusOf(error) === 404) throw new IdempotencyRecordMissing();
      throw storeFailure(error);
    }
  }

  async release(key: string): Promise<void> {
    try {
      await this.container.item(key, key).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw storeFailure(error);
    }
  }

  private async read(key: string): Promise<RecordDocument | undefined> {
    return (await this.container.item(key, key).read<RecordItem>()).resource;
  }

  /** Put-if-absent; false when a record with this key exists. */
  private async create(record: NewRecord, expiresAt: Date): Promise<boolean> {
    try {
      await this.written(expiresAt, (ttl) => this.container.items.create<RecordItem>({ ...record, ttl }));
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  private async takeOver(expired: RecordDocument, record: NewRecord, expiresAt: Date): Promise<boolean> {
    try {
      await this.written(expiresAt, (ttl) =>
        this.container.item(record.id, record.id).replace<RecordItem>({ ...record, ttl }, { accessCondition: { type: "IfMatch", condition: expired._etag } }),
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  /**
   * Writes with the ttl our clock suggests, then, if the server stamped another second, sets the
   * ttl again so that `_ts + ttl` is exactly the expiry second (a patch is a write: it may tick).
   */
  private async written(expiresAt: Date, write: (ttl: number) => Promise<{ resource?: RecordDocument }>): Promise<void> {
    let sentAt = this.clock();
    let document = (await write(this.ttl.guess(expiresAt, sentAt))).resource;
    for (let fix = 0; document && fix < 2; fix++) {
      const ttl = this.ttl.settled(expiresAt, document._ts, sentAt);
      if (document.ttl === ttl) return;
      sentAt = this.clock();
      try {
        document = (
          await this.container
            .item(document.id, document.id)
            .patch<RecordItem>([{ op: "set", path: "/ttl", value: ttl }], { accessCondition: { type: "IfMatch", condition: document._etag } })
        ).resource;
      } catch (error) {
        // Written again or released meanwhile: that write set its own ttl.
        if (statusOf(error) === 412 || statusOf(error) === 404) return;
        throw error;
      }
    }
  }
}

export function live(record: RecordDocument, now: Date): boolean {
  return record.expiresAt > now.toISOString();
}

export function toRecord({ id, fingerprint, state, response, expiresAt }: RecordDocument): IdempotencyRecord {
  return response === undefined ? { key: id, fingerprint, state, expiresAt } : { key: id, fingerprint, state, response, expiresAt };
}
