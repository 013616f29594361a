import type { Change } from "../function/change.js";
import type { ChangeFeed } from "../ports/change-feed.js";
import type { DocumentKey } from "./collection.js";

/** One committed write to a collection's document, as every store's change feed is normalized to. */
export interface DocumentChange<T = Record<string, unknown>> {
  /** The feed's own position of this change (an outbox row, a stream sequence number, an event id): failures name it. */
  id: string;
  type: "created" | "updated" | "deleted";
  key: DocumentKey;
  /** The version the write made; for a delete, the version deleted. */
  version: string;
  /** The document as written (absent for a delete). */
  value?: T;
  /** The document before the write, where the feed gives it. */
  previous?: T;
  committedAt?: string;
}

/** A store's record of its collections' committed changes, for the local server: read in commit order, forgotten once handled. */
export interface DocumentChangeFeed {
  /** The oldest changes of the collection not yet acknowledged, in commit order, at most `limit`. */
  pending(collection: string, limit: number): Promise<DocumentChange[]>;
  acknowledge(ids: readonly string[]): Promise<void>;
}

/**
 * A document feed as the changes functions read it today: created and updated documents, their key
 * as one string; deletes are acknowledged as they are read, since those functions are not given them.
 */
export function changeFeedOf(feed: DocumentChangeFeed): ChangeFeed {
  return {
    async pending(collection, limit) {
      for (;;) {
        const changes = await feed.pending(collection, limit);
        const deletes = changes.filter((change) => change.type === "deleted").map((change) => change.id);
        if (deletes.length === 0 || deletes.length < changes.length) {
          return changes.filter((change) => change.type !== "deleted").map(toChange);
        }
        await feed.acknowledge(deletes);
      }
    },
    acknowledge: (ids) => feed.acknowledge(ids),
  };
}

function toChange(change: DocumentChange): Change {
  return {
    id: change.id,
    key: Object.values(change.key).join("/"),
    operation: change.type === "created" ? "insert" : "update",
    document: change.value ?? {},
    ...(change.previous && { previous: change.previous }),
    ...(change.committedAt && { committedAt: change.committedAt }),
  };
}
