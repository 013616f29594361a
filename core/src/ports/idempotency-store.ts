/** A response kept for replay, exactly as first sent. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface IdempotencyRecord {
  key: string;
  /** Hash of the request body's JSON value, and which attempt holds the key: `<hash>.<attempt>`. */
  fingerprint: string;
  state: "in-flight" | "completed";
  response?: StoredResponse;
  /** ISO 8601; after this the record counts as absent. */
  expiresAt: string;
}

export type BeginResult = { started: true } | { started: false; existing: IdempotencyRecord };

export interface IdempotencyStore {
  /** Put-if-absent of an in-flight record; an expired record counts as absent. */
  begin(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<BeginResult>;
  /** Marks the in-flight record completed with its response. */
  complete(key: string, response: StoredResponse, expiresAt: Date): Promise<void>;
  /** Forgets an in-flight record so that the client may retry with the same key. */
  release(key: string): Promise<void>;
}
