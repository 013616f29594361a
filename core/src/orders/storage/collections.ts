import { collection } from "../../collections/declaration.js";
import type { Order } from "../order.js";

/** Orders by id; a customer's newest first and the cleanup's candidates through two indexes. */
export const ordersCollection = collection<Order>("orders", {
  key: ["id"],
  indexes: { "by-customer": ["customerId", "createdAt"], "by-status": ["status", "createdAt"] },
});

export { idempotencyCollection, type IdempotencyDocument } from "../../idempotency/collection.js";
