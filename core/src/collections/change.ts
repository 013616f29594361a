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
  /** The oldest changes of the collection (by its name, wherever SKYPORT_COLLECTION_<NAME> puts it) not yet acknowledged, in commit order, at most `limit`. */
  pending(collection: string, limit: number): Promise<DocumentChange[]>;
  acknowledge(ids: readonly string[]): Promise<void>;
}

/** A document feed as the changes functions read it: every change, its key as one string, its version beside the document. */
export function changeFeedOf(feed: DocumentChangeFeed): ChangeFeed {
  return {
    pending: async (collection, limit) => (await feed.pending(collection, limit)).map(toChange),
    acknowledge: (ids) => feed.acknowledge(ids),
  };
}

const OPERATIONS = { created: "insert", updated: "update", deleted: "delete" } as const;

function toChange(change: DocumentChange): Change {
  return {
    id: change.id,
    key: Object.values(change.key).join("/"),
    operation: OPERATIONS[change.type],
    document: change.value ?? change.previous ?? {},
    version: change.version,
    ...(change.previous && { previous: change.previous }),
    ...(change.committedAt && { committedAt: change.committedAt }),
  };
}
