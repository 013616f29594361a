import type { Context } from "./context.js";
import type { BatchResult } from "./message.js";

/**
 * One committed change to a document, as a store's change feed delivers it (DynamoDB Streams,
 * a Firestore trigger, the Cosmos DB change feed, the local outbox), deletes included where the feed gives them.
 */
export interface Change {
  /** The feed's own id of this change (a stream sequence number, a CloudEvent id, an outbox row); failures name it. */
  id: string;
  /** The document's key in its collection (its id; on DynamoDB the key attributes' values, joined by `/`). */
  key: string;
  /** `write` where the feed does not say which of insert and update (the Cosmos DB change feed in latest-version mode). */
  operation: "insert" | "update" | "write" | "delete";
  /** The document as committed, as plain JSON (instants as ISO 8601 strings); for a delete, as it was, where the feed gives it, else `{}`. */
  document: Record<string, unknown>;
  /** The collection version the write made (for a delete, the version deleted), where the feed knows it apart from the document. */
  version?: string;
  /** The document before the change, where the feed gives it (DynamoDB NEW_AND_OLD_IMAGES, Firestore). */
  previous?: Record<string, unknown>;
  /** When the store committed it, where the feed says. */
  committedAt?: string;
}

/**
 * The neutral handler of a change feed: a batch in commit order per document, the failed changes out.
 * A failed change is retried with every later change of its document; the rest of the batch is done.
 */
export type ChangesHandler = (changes: Change[], context: Context) => Promise<BatchResult>;
