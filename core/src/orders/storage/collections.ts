import { collection } from "../../collections/declaration.js";
import type { IdempotencyRecord } from "../../ports/idempotency-store.js";
import type { Order } from "../order.js";

/** Orders by id; a customer's newest first and the cleanup's candidates through two indexes. */
export const ordersCollection = collection<Order>("orders", {
  key: ["id"],
  indexes: { "by-customer": ["customerId", "createdAt"], "by-status": ["status", "createdAt"] },
});

/**
 * An Idempotency-Key's record as kept: the record, whether it was released, and when the
 * document is gone (the key's retention, past an in-flight record's lease too, so that a crashed
 * attempt's reserved order id outlives its lease).
 */
export interface IdempotencyDocument extends IdempotencyRecord {
  released?: boolean;
  retainUntil: string;
}

/** Idempotency-Keys by their scoped key (a SHA-256 hex: safe as an id on every store), gone after their retention. */
export const idempotencyCollection = collection<IdempotencyDocument>("idempotency-keys", { key: ["key"], expiresAt: "retainUntil" });
