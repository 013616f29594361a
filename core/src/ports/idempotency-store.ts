/** A response kept for replay, exactly as first sent. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** An Idempotency-Key's record: who holds it, for which request, and the response kept for replays. */
export interface IdempotencyRecord {
  key: string;
  /** Hash of the request body's JSON value, and which attempt holds the key: `<hash>.<attempt>`. */
  fingerprint: string;
  state: "in-flight" | "completed";
  response?: StoredResponse;
  /**
   * What the requests under this key make (the order's id), fixed by the first claim and kept when
   * another attempt takes the key over: every attempt makes this one thing, so none makes a second.
   */
  resource?: string;
  /** ISO 8601: for an in-flight record, the end of its lease; for a completed one, when it is forgotten. */
  expiresAt: string;
}

/** `resource`: what this attempt makes, the key's own where an earlier attempt reserved it. */
export type BeginResult = { started: true; resource?: string } | { started: false; existing: IdempotencyRecord };

/** Where Idempotency-Keys are claimed, completed with their response, and released after an error. */
export interface IdempotencyStore {
  /**
   * Claims the key for an attempt until `leaseUntil`: put-if-absent of an in-flight record reserving
   * `resource`. A key whose lease ran out (its attempt crashed) or that was released is taken over,
   * keeping the resource it reserved.
   */
  begin(key: string, fingerprint: string, leaseUntil: Date, now: Date, resource?: string): Promise<BeginResult>;
  /** Marks the in-flight record completed with its response. */
  complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void>;
  /** Frees an in-flight record so that the client may retry with the same key (its reserved resource is kept). */
  release(key: string): Promise<void>;
  /** The resource the key's record reserved, whatever its state (in flight, completed, released), while the record is kept. */
  reserved(key: string): Promise<string | undefined>;
}
