import type { Change } from "../function/change.js";
import type { ChangeFeed } from "../ports/change-feed.js";

/** The memory store's change feed: a change is recorded in the same synchronous step as its write. */
export class MemoryOutbox implements ChangeFeed {
  private readonly changes: (Change & { collection: string })[] = [];
  private sequence = 0;

  record(collection: string, change: Omit<Change, "id" | "committedAt">): void {
    this.sequence += 1;
    this.changes.push(structuredClone({ ...change, collection, id: String(this.sequence), committedAt: new Date().toISOString() }));
  }

  async pending(collection: string, limit: number): Promise<Change[]> {
    return this.changes
      .filter((change) => change.collection === collection)
      .slice(0, limit)
      .map(({ collection: _, ...change }) => structuredClone(change));
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    const done = new Set(ids);
    for (let i = this.changes.length - 1; i >= 0; i--) if (done.has(this.changes[i]!.id)) this.changes.splice(i, 1);
  }
}
