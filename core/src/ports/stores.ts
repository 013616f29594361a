import type { ChangeFeed } from "./change-feed.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import type { OrderStore } from "./order-store.js";

/** What a store package builds from configuration: both stores, sharing one client. */
export interface Stores {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  /** The store's outbox, where it keeps one (SQLite, memory): how the local server reads its changes. */
  changes?: ChangeFeed;
  /** Releases the client (connections, file handles). */
  close(): Promise<void>;
}
