import type { Database } from "better-sqlite3";
import { SchemaTooNew } from "./errors.js";

/** Bumped with each change to the DDL below; kept in the file's `user_version`. */
export const SCHEMA_VERSION = 3;

const DDL = `
CREATE TABLE IF NOT EXISTS orders (
  id          TEXT    PRIMARY KEY,
  customer_id TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  body        TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS orders_by_customer ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (status, created_at, id);

CREATE TABLE IF NOT EXISTS idempotency_keys (
  key         TEXT    PRIMARY KEY,
  fingerprint TEXT    NOT NULL,
  state       TEXT    NOT NULL CHECK (state IN ('in-flight', 'completed')),
  response    TEXT,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_keys_by_expiry ON idempotency_keys (expires_at);

-- The outbox (version 2): every insert and update of an order, written by the database itself in
-- the writing statement's transaction, so that a committed order always has its change and a
-- rolled-back one never does. The local server hands the rows to the changes function and deletes them.
CREATE TABLE IF NOT EXISTS outbox (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  collection   TEXT    NOT NULL,
  key          TEXT    NOT NULL,
  operation    TEXT    NOT NULL CHECK (operation IN ('insert', 'update')),
  document     TEXT    NOT NULL,
  previous     TEXT,
  committed_at TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_collection ON outbox (collection, seq);
CREATE TRIGGER IF NOT EXISTS orders_inserted_outbox AFTER INSERT ON orders BEGIN
  INSERT INTO outbox (collection, key, operation, document, committed_at)
  VALUES ('orders', NEW.id, 'insert', NEW.body, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER IF NOT EXISTS orders_updated_outbox AFTER UPDATE ON orders BEGIN
  INSERT INTO outbox (collection, key, operation, document, previous, committed_at)
  VALUES ('orders', NEW.id, 'update', NEW.body, OLD.body, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

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
