import { collection } from "../collections/declaration.js";
import type { IdempotencyRecord } from "../ports/idempotency-store.js";

/**
 * An Idempotency-Key's record as kept: the record, whether it was released, and when the
 * document is gone (the key's retention, past an in-flight record's lease too, so that a crashed
 * attempt's reserved resource outlives its lease).
 */
export interface IdempotencyDocument extends IdempotencyRecord {
  released?: boolean;
  retainUntil: string;
}

/**
 * Idempotency-Keys by their scoped key (a SHA-256 hex: safe as an id on every store), gone after
 * their retention: the order service's, and any app's whose http function has idempotent routes
 * (which gets it in its collections without declaring it).
 */
export const idempotencyCollection = collection<IdempotencyDocument>("idempotency-keys", { key: ["key"], expiresAt: "retainUntil" });
