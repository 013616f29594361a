import type { Database } from "better-sqlite3";
import { SchemaTooNew } from "./errors.js";

/** Bumped with each change to the DDL below; kept in the file's `user_version`. */
export const SCHEMA_VERSION = 4;

const DDL = `
-- Version 4: the order service keeps its orders and keys in collections; the tables of its own
-- store (versions 1-2) go. Nothing was deployed on them but local files, whose orders start afresh.
DROP TRIGGER IF EXISTS orders_inserted_outbox;
DROP TRIGGER IF EXISTS orders_updated_outbox;
DROP TABLE IF EXISTS outbox;
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS idempotency_keys;

-- Collections (version 3): every collection's documents in one table, by where the collection lives
-- (its location) and its key fields' values; sk is '' for a key without a sort field (key values are
-- never empty). Text compares with BINARY collation: memcmp of UTF-8, which is code point order.
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT    NOT NULL,
  pk         TEXT    NOT NULL,
  sk         TEXT    NOT NULL,
  version    TEXT    NOT NULL,
  expires_at INTEGER,
  body       TEXT    NOT NULL,
  PRIMARY KEY (collection, pk, sk)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_by_expiry ON documents (collection, expires_at) WHERE expires_at IS NOT NULL;

-- One row per document and declared index it is in, written in the document's own transaction.
CREATE TABLE IF NOT EXISTS document_index (
  collection TEXT NOT NULL,
  index_name TEXT NOT NULL,
  ipk        TEXT NOT NULL,
  isk        TEXT NOT NULL,
  pk         TEXT NOT NULL,
  sk         TEXT NOT NULL,
  PRIMARY KEY (collection, index_name, ipk, isk, pk, sk)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS document_index_by_document ON document_index (collection, pk, sk);

-- What ensure() found or made: each location's key, and the indexes whose rows are complete.
CREATE TABLE IF NOT EXISTS document_collections (
  collection      TEXT PRIMARY KEY,
  partition_field TEXT NOT NULL,
  sort_field      TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document_indexes (
  collection      TEXT NOT NULL,
  index_name      TEXT NOT NULL,
  partition_field TEXT NOT NULL,
  sort_field      TEXT,
  PRIMARY KEY (collection, index_name)
) WITHOUT ROWID;

-- The collections' local change feed: one row per write, in the write's own transaction, as the
-- outbox is for orders; a later reader hands the rows on and deletes them.
CREATE TABLE IF NOT EXISTS document_changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  collection   TEXT    NOT NULL,
  key          TEXT    NOT NULL,
  type         TEXT    NOT NULL CHECK (type IN ('created', 'updated', 'deleted')),
  version      TEXT    NOT NULL,
  value        TEXT,
  previous     TEXT,
  committed_at TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS document_changes_by_collection ON document_changes (collection, seq);
`;

/** Creates what is missing; refuses a file written by a newer schema rather than guess at it. */
export function applySchema(db: Database): void {
  db.transaction(() => {
    const found = db.pragma("user_version", { simple: true }) as number;
    if (found > SCHEMA_VERSION) throw new SchemaTooNew(found, SCHEMA_VERSION);
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
