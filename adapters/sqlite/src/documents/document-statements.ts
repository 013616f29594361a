import type { Database, Statement } from "better-sqlite3";

/** A document's row as the collection calls read it. */
export interface StoredDocument {
  version: string;
  body: string;
  /** Epoch ms, or null for a document that never expires. */
  expires_at: number | null;
}

/** An expired row found by the purge, with its key columns. */
export interface ExpiredDocument extends StoredDocument {
  pk: string;
  sk: string;
}

export interface DocumentRow {
  collection: string;
  pk: string;
  sk: string;
  version: string;
  expiresAt: number | null;
  body: string;
}

export interface IndexRow {
  collection: string;
  index: string;
  ipk: string;
  isk: string;
  pk: string;
  sk: string;
}

export interface ChangeRow {
  collection: string;
  key: string;
  type: "created" | "updated" | "deleted";
  version: string;
  value: string | null;
  previous: string | null;
  committedAt: string;
}

/** Every statement the collections run on one connection, prepared once when the file is opened. */
export class DocumentStatements {
  readonly select: Statement<[string, string, string], StoredDocument>;
  readonly upsert: Statement<[DocumentRow]>;
  readonly remove: Statement<[string, string, string]>;
  readonly expired: Statement<[string, number, number], ExpiredDocument>;
  readonly removeIndexRows: Statement<[string, string, string]>;
  readonly addIndexRow: Statement<[IndexRow]>;
  readonly appendChange: Statement<[ChangeRow]>;
  private readonly queries = new Map<string, Statement<[Record<string, unknown>], StoredDocument>>();
  private readonly transaction: ReturnType<Database["transaction"]>;

  constructor(readonly db: Database) {
    this.select = db.prepare("SELECT version, body, expires_at FROM documents WHERE collection = ? AND pk = ? AND sk = ?");
    this.upsert = db.prepare(`INSERT INTO documents (collection, pk, sk, version, expires_at, body)
      VALUES (@collection, @pk, @sk, @version, @expiresAt, @body)
      ON CONFLICT (collection, pk, sk) DO UPDATE SET version = excluded.version, expires_at = excluded.expires_at, body = excluded.body`);
    this.remove = db.prepare("DELETE FROM documents WHERE collection = ? AND pk = ? AND sk = ?");
    this.expired = db.prepare(`SELECT pk, sk, version, body, expires_at FROM documents
      WHERE collection = ? AND expires_at <= ? ORDER BY expires_at LIMIT ?`);
    this.removeIndexRows = db.prepare("DELETE FROM document_index WHERE collection = ? AND pk = ? AND sk = ?");
    this.addIndexRow = db.prepare(`INSERT INTO document_index (collection, index_name, ipk, isk, pk, sk)
      VALUES (@collection, @index, @ipk, @isk, @pk, @sk)`);
    this.appendChange = db.prepare(`INSERT INTO document_changes (collection, key, type, version, value, previous, committed_at)
      VALUES (@collection, @key, @type, @version, @value, @previous, @committedAt)`);
    this.transaction = db.transaction((work: () => unknown) => work());
  }

  /** Runs `work` in one IMMEDIATE transaction: the write lock is taken first, so no other connection writes between its reads and its writes. */
  write<T>(work: () => T): T {
    return this.transaction.immediate(work) as T;
  }

  /** A query's statement, prepared on first use: a query's SQL takes one of a few dozen shapes. */
  query(sql: string): Statement<[Record<string, unknown>], StoredDocument> {
    let statement = this.queries.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }
}
