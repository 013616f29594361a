import type { IdempotencyStore } from "./idempotency-store.js";
import type { OrderStore } from "./order-store.js";

/** What a store package builds from configuration: both stores, sharing one client. */
export interface Stores {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  /** Releases the client (connections, file handles). */
  close(): Promise<void>;
}
