import type { DocumentChangeFeed } from "./change.js";
import type { CollectionDeclaration } from "./declaration.js";

/** A document's key: its key fields' values (`{ member: "ada", id: "loan-1" }`). */
export type DocumentKey = Readonly<Record<string, string>>;

/** A document as read or written, with its version: opaque, compared for equality only, new on every write. */
export interface Versioned<T> {
  value: T;
  version: string;
}

/** A condition on the sort field of the key or index a query reads; strings compare in code point order. */
export type SortCondition =
  | { beginsWith: string }
  | { between: readonly [string, string] }
  | { gt: string }
  | { gte: string }
  | { lt: string }
  | { lte: string };

/** A query of one partition, on the primary key or an index, sorted by its sort field, one page at a time. */
export interface Query {
  /** The partition field of the primary key, or of `index`, and its value. */
  where: Readonly<Record<string, string>>;
  sort?: SortCondition;
  /** A declared index; the primary key when absent. */
  index?: string;
  /** 1-1000, default 100. */
  limit?: number;
  /** The `cursor` of the previous page of the same query. */
  cursor?: string;
  descending?: boolean;
}

/** One page of a query's documents, and the cursor of the next page. */
export interface QueryPage<T> {
  items: Versioned<T>[];
  /** Absent on the last page. */
  cursor?: string;
}

/** The condition of a put or a delete: the version the stored document must be at. */
export interface WriteCondition {
  /** Only if the stored document is at this version (an absent one never is). */
  ifVersion?: string;
}

/** One operation of a transaction. */
export type Operation<T> =
  | { create: T }
  | { put: T; ifVersion?: string }
  | { delete: DocumentKey; ifVersion?: string }
  | { check: DocumentKey; ifVersion: string };

/** A transaction's answer for one operation: the new version of a create or put, nothing for a delete or check. */
export type OperationResult = { version: string } | Record<string, never>;

/** `putMany`'s outcome for one value. */
export type PutOutcome = { version: string } | { error: Error };

/**
 * One declared collection on the configured store: the same calls, answers and errors on every
 * store (`@skyport/core/testing`'s `documentsContract` holds each store to them).
 */
export interface Collection<T> {
  readonly declaration: CollectionDeclaration<T>;
  get(key: DocumentKey): Promise<Versioned<T> | undefined>;
  /** Fails with `DocumentExists` if the key is taken by a live document. */
  create(value: T): Promise<Versioned<T>>;
  /** Creates or replaces; with `ifVersion`, only that version (`VersionConflict`). */
  put(value: T, condition?: WriteCondition): Promise<Versioned<T>>;
  /** `true` if the document was there; with `ifVersion`, only that version (`VersionConflict`). */
  delete(key: DocumentKey, condition?: WriteCondition): Promise<boolean>;
  /** One partition of the primary key or of an index, sorted by its sort field, then the primary key. */
  query(query: Query): Promise<QueryPage<T>>;
  /** 1-100 operations on one partition, all or nothing; the error names the failed operation's index. */
  transact(operations: readonly Operation<T>[]): Promise<OperationResult[]>;
  /** 1-1000 upserts in the store's own batch calls, not atomic: one outcome per value, in order. */
  putMany(values: readonly T[]): Promise<PutOutcome[]>;
}

/**
 * A store's documents: what each store package's factory returns (`memoryDocuments()`,
 * `sqliteDocuments(env)`, `dynamoDbDocuments(env)`, ...).
 */
export interface Documents {
  collection<T>(declaration: CollectionDeclaration<T>): Collection<T>;
  /** Creates what the declared collections need where it is missing (tables, indexes, containers): for emulators and local runs. */
  ensure(declarations: readonly CollectionDeclaration<unknown>[]): Promise<void>;
  /**
   * The collections' committed changes, where the store keeps a record the local server can read
   * (an outbox in the same transaction, a stream, a scan); in the clouds each store's own change feed calls the function.
   */
  readonly changes?: DocumentChangeFeed;
  /** Releases the client (connections, file handles). */
  close(): Promise<void>;
}
