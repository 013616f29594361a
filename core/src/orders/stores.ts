import type { Documents } from "../collections/collection.js";
import type { ChangeFeed } from "../ports/change-feed.js";
import type { IdempotencyStore } from "../ports/idempotency-store.js";
import type { OrderStore } from "./order-store.js";

/** What a store package builds from configuration: both stores, sharing one client. */
export interface Stores {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  /**
   * How the local server reads the store's committed changes: its documents' change feed (an outbox on SQLite and
   * memory, a table's stream on DynamoDB, a scan of versions on Firestore and Cosmos DB). The clouds call changes functions themselves.
   */
  changes?: ChangeFeed;
  /** The documents both stores are kept in: where the local server makes the order service's collections. */
  documents?: Documents;
  /** Releases the client (connections, file handles). */
  close(): Promise<void>;
}
