import { Timestamp, type DocumentData, type DocumentSnapshot } from "@google-cloud/firestore";
import type { IdempotencyRecord, StoredResponse } from "@skyport/core";
import { EXPIRES_AT } from "./collections.js";

/** A record as stored in `idempotencyKeys/{id}`; `expiresAt` is what the TTL policy deletes by. */
export interface IdempotencyDocument {
  key: string;
  fingerprint: string;
  state: IdempotencyRecord["state"];
  response?: StoredResponse;
  [EXPIRES_AT]: Timestamp;
}

// Ids Firestore takes as they are: no "/", not "." or "..", not __reserved__.
const PLAIN_ID = /^(?!__.*__$)[A-Za-z0-9_-]{1,256}$/;

/**
 * The document id for a key: the key itself when Firestore allows it (core's keys are hex
 * digests), otherwise `~` and its base64url, which no plain id can equal.
 */
export function idempotencyDocumentId(key: string): string {
  return PLAIN_ID.test(key) ? key : `~${Buffer.from(key, "utf8").toString("base64url")}`;
}

export function inFlightDocument(key: string, fingerprint: string, expiresAt: Date): IdempotencyDocument {
  return { key, fingerprint, state: "in-flight", [EXPIRES_AT]: Timestamp.fromDate(expiresAt) };
}

export function storedResponse({ status, headers, body }: StoredResponse): StoredResponse {
  return body === undefined ? { status, headers: { ...headers } } : { status, headers: { ...headers }, body };
}

export function recordFrom(snapshot: DocumentSnapshot<DocumentData>): IdempotencyRecord {
  const data = snapshot.data() as IdempotencyDocument;
  const record: IdempotencyRecord = {
    key: data.key,
    fingerprint: data.fingerprint,
    state: data.state,
    expiresAt: data[EXPIRES_AT].toDate().toISOString(),
  };
  if (data.response) record.response = storedResponse(data.response);
  return record;
}

/** Whether a stored record still counts at `now`; the TTL policy may take a day to delete it. */
export function isLive(snapshot: DocumentSnapshot<DocumentData>, now: Date): boolean {
  const expiresAt = snapshot.get(EXPIRES_AT) as Timestamp | undefined;
  return snapshot.exists && expiresAt !== undefined && expiresAt.toMillis() > now.getTime();
}
