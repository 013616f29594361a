import type { Change, ChangeFeed } from "@skyport/core";
import type { Database, Statement } from "better-sqlite3";
import { mapSqliteErrors } from "./sqlite-errors.js";

interface OutboxRow {
  seq: number;
  key: string;
  operation: "insert" | "update";
  document: string;
  previous: string | null;
  committed_at: string;
}

/** The outbox table (schema.ts) as a change feed: rows in commit order, deleted once handled. */
export class SqliteOutbox implements ChangeFeed {
  private readonly select: Statement<[string, number], OutboxRow>;
  private readonly remove: Statement<[number]>;
  private readonly removeAll: (seqs: number[]) => void;

  constructor(db: Database) {
    this.select = db.prepare("SELECT seq, key, operation, document, previous, committed_at FROM outbox WHERE collection = ? ORDER BY seq LIMIT ?");
    this.remove = db.prepare("DELETE FROM outbox WHERE seq = ?");
    this.removeAll = db.transaction((seqs: number[]) => {
      for (const seq of seqs) this.remove.run(seq);
    });
  }

  async pending(collection: string, limit: number): Promise<Change[]> {
    return mapSqliteErrors(() => this.select.all(collection, limit)).map((row) => ({
      id: String(row.seq),
      key: row.key,
      operation: row.operation,
      document: JSON.parse(row.document) as Record<string, unknown>,
      ...(row.previous !== null && { previous: JSON.parse(row.previous) as Record<string, unknown> }),
      committedAt: row.committed_at,
    }));
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    mapSqliteErrors(() => this.removeAll(ids.map(Number)));
  }
}
