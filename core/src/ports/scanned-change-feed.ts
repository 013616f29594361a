import type { DocumentChange, DocumentChangeFeed } from "../collections/change.js";
import type { DocumentKey } from "../collections/collection.js";
import type { CollectionDeclaration } from "../collections/declaration.js";
import { keyOf } from "../collections/rules.js";

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

/** The collections a documents object was given (by `collection` or `ensure`), by name: what a feed keyed by collection name reads by. */
export type DeclaredCollections = ReadonlyMap<string, CollectionDeclaration<unknown>>;

/** A document's write as handed on, or as acknowledged: what a later scan compares with. */
interface Seen {
  /** The key as the scan lists it. */
  listed: string;
  key: DocumentKey;
  version: string;
  deleted?: boolean;
}

/**
 * The local server's change feed of a store whose stand-in serves none it can use (the Cosmos DB
 * server answers a continued change-feed read with 304 forever; a Firestore listener never says
 * it has caught up, which a test's settle step needs): each read lists the collection's versions and
 * hands on every document whose version is not the one last acknowledged as `updated` (a scan
 * cannot tell a create), and every document acknowledged before and no longer listed (deleted,
 * or expired) as `deleted`. Nothing is acknowledged when the feed starts, so a restart hands every
 * document on once more: harmless to idempotent consumers, and what still announces a write
 * committed just before a crash; a delete while the feed was down goes unseen. A read lists every
 * key of the collection: made for the local server on an emulator, not for a cloud store in
 * production (there each cloud's own change feed calls the function).
 */
export class ScannedChangeFeed implements DocumentChangeFeed {
  /** The write last acknowledged, per collection and listed key. */
  private readonly acknowledged = new Map<string, Map<string, Seen>>();
  /** What each change handed on (and not yet acknowledged) stands for. */
  private readonly handedOn = new Map<string, { collection: string; seen: Seen }>();

  constructor(
    private readonly collections: VersionedCollections,
    private readonly declared: DeclaredCollections,
  ) {}

  async pending(collection: string, limit: number): Promise<DocumentChange[]> {
    const declaration = this.declared.get(collection);
    if (!declaration) throw new Error(`no collection ${collection} in these documents (${[...this.declared.keys()].join(", ")})`);
    const acknowledged = this.acknowledgedOf(collection);
    const changed: string[] = [];
    // The whole listing, every read: a key acknowledged and not listed is a delete.
    const listed = new Set<string>();
    for await (const { key, version } of this.collections.versions(collection)) {
      listed.add(key);
      if (changed.length < limit && acknowledged.get(key)?.version !== version) changed.push(key);
    }
    const written = changed.length === 0 ? [] : await this.collections.read(collection, changed);
    const updates = written.map(({ key: listedKey, version, document, committedAt }): DocumentChange => {
      const seen = { listed: listedKey, key: keyOf(declaration, document), version };
      const id = `${collection}/${listedKey}@${version}`;
      this.handedOn.set(id, { collection, seen });
      return { id, type: "updated", key: seen.key, version, value: document, ...(committedAt !== undefined && { committedAt }) };
    });
    const gone = [...acknowledged.values()].filter((seen) => !listed.has(seen.listed)).slice(0, limit - updates.length);
    const deletes = gone.map(({ listed: listedKey, key, version }): DocumentChange => {
      const id = `${collection}/${listedKey}@${version}/deleted`;
      this.handedOn.set(id, { collection, seen: { listed: listedKey, key, version, deleted: true } });
      return { id, type: "deleted", key, version };
    });
    return [...updates, ...deletes];
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const change = this.handedOn.get(id);
      if (!change) continue;
      this.handedOn.delete(id);
      const acknowledged = this.acknowledgedOf(change.collection);
      const { listed, version, deleted } = change.seen;
      // A delete forgets the key, unless a later write was acknowledged since.
      if (!deleted) acknowledged.set(listed, change.seen);
      else if (acknowledged.get(listed)?.version === version) acknowledged.delete(listed);
    }
  }

  private acknowledgedOf(collection: string): Map<string, Seen> {
    const known = this.acknowledged.get(collection);
    if (known) return known;
    const created = new Map<string, Seen>();
    this.acknowledged.set(collection, created);
    return created;
  }
}
