import type { Change } from "../function/change.js";
import type { ChangeFeed } from "./change-feed.js";

/** One document as a scan lists it: its key, and a version that every committed write to it changes (an update time, an etag). */
export interface DocumentVersion {
  key: string;
  version: string;
}

/** A document read back as committed, with the version it was read at. */
export interface VersionedDocument extends DocumentVersion {
  /** Plain JSON, instants as ISO 8601 strings. */
  document: Record<string, unknown>;
  committedAt?: string;
}

/** What a store offers for a change feed found by scanning: every document's version, cheaply, and then the documents asked for. */
export interface VersionedCollections {
  versions(collection: string): AsyncIterable<DocumentVersion>;
  /** The documents of these keys as they are now; one deleted since it was listed is left out. */
  read(collection: string, keys: readonly string[]): Promise<VersionedDocument[]>;
}

/**
 * The local server's change feed of a store whose stand-in serves none it can use (the Cosmos DB
 * server answers a continued change-feed read with 304 forever; a Firestore listener never says
 * it has caught up, which a test's settle step needs): each read lists the collection's versions and
 * hands on every document whose version is not the one last acknowledged, as a `write` of its
 * latest version (what the Cosmos DB change feed gives in latest-version mode). Nothing is
 * acknowledged when the feed starts, so a restart hands every document on once more: harmless to
 * idempotent consumers, and what still announces a write committed just before a crash. A read
 * lists every key of the collection: made for the local server on an emulator, not for a cloud
 * store in production (there each cloud's own change feed calls the function).
 */
export class ScannedChangeFeed implements ChangeFeed {
  /** The version last acknowledged, per collection and key. */
  private readonly acknowledged = new Map<string, string>();
  /** What each change handed on (and not yet acknowledged) stands for. */
  private readonly handedOn = new Map<string, { slot: string; version: string }>();

  constructor(private readonly collections: VersionedCollections) {}

  async pending(collection: string, limit: number): Promise<Change[]> {
    const changed: string[] = [];
    for await (const { key, version } of this.collections.versions(collection)) {
      if (changed.length === limit) break;
      if (this.acknowledged.get(slotOf(collection, key)) !== version) changed.push(key);
    }
    if (changed.length === 0) return [];
    return (await this.collections.read(collection, changed)).map(({ key, version, document, committedAt }) => {
      const id = `${collection}/${key}@${version}`;
      this.handedOn.set(id, { slot: slotOf(collection, key), version });
      return { id, key, operation: "write", document, ...(committedAt !== undefined && { committedAt }) };
    });
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const change = this.handedOn.get(id);
      if (!change) continue;
      this.acknowledged.set(change.slot, change.version);
      this.handedOn.delete(id);
    }
  }
}

function slotOf(collection: string, key: string): string {
  return `${collection}\n${key}`;
}
