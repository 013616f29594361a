/** The Idempotency-Key rules live with the generic idempotency (any app's POST routes); the order service's modules import them from here too. */
export * from "../idempotency/keys.js";
