import type { Change } from "../function/change.js";
import { changeFeedOf } from "../collections/change.js";
import type { Documents } from "../collections/collection.js";
import { memoryDocuments } from "../collections/memory-documents.js";
import type { ChangeFeed } from "../ports/change-feed.js";

/** The memory store's change feed: the changes its documents record in the same synchronous step as each write. */
export class MemoryOutbox implements ChangeFeed {
  private readonly feed: ChangeFeed;

  constructor(readonly documents: Documents = memoryDocuments()) {
    this.feed = changeFeedOf(documents.changes!);
  }

  pending(collection: string, limit: number): Promise<Change[]> {
    return this.feed.pending(collection, limit);
  }

  acknowledge(ids: readonly string[]): Promise<void> {
    return this.feed.acknowledge(ids);
  }
}
