import type { Change } from "../function/change.js";

/**
 * A store's own record of its committed changes, for a runtime that has no change feed to call
 * the function (the local server): an outbox written in the same transaction as the change.
 */
export interface ChangeFeed {
  /** The oldest changes of the collection not yet acknowledged, in commit order, at most `limit`. */
  pending(collection: string, limit: number): Promise<Change[]>;
  /** Forgets changes that were handled (or dead-lettered). */
  acknowledge(ids: readonly string[]): Promise<void>;
}
