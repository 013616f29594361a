/** The two collections, and the field names that queries, indexes and the TTL policy share. */
export const ORDERS = "orders";
export const IDEMPOTENCY_KEYS = "idempotencyKeys";

export const ORDER_FIELDS = { customerId: "customerId", status: "status", createdAt: "createdAt", items: "items" } as const;
/** The Timestamp field the TTL policy on `idempotencyKeys` deletes by. */
export const EXPIRES_AT = "expiresAt";
