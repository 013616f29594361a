import type { DocumentChange, DocumentChangeFeed, DocumentKey } from "@skyport/core";
import { mapSqliteErrors } from "../sqlite-errors.js";
import type { DocumentFile } from "./document-file.js";

interface ChangeRow {
  seq: number;
  key: string;
  type: DocumentChange["type"];
  version: string;
  value: string | null;
  previous: string | null;
  committed_at: string;
}

/** The `document_changes` rows of a collection, read where `locate` puts it, as its change feed: in commit order, deleted once handled. */
export function documentChanges(file: DocumentFile, locate: (collection: string) => string): DocumentChangeFeed {
  return {
    async pending(collection, limit) {
      const rows = mapSqliteErrors(() =>
        file
          .statements()
          .db.prepare<[string, number], ChangeRow>(
            "SELECT seq, key, type, version, value, previous, committed_at FROM document_changes WHERE collection = ? ORDER BY seq LIMIT ?",
          )
          .all(locate(collection), limit),
      );
      return rows.map((row) => ({
        id: String(row.seq),
        type: row.type,
        key: JSON.parse(row.key) as DocumentKey,
        version: row.version,
        ...(row.value !== null && { value: JSON.parse(row.value) as Record<string, unknown> }),
        ...(row.previous !== null && { previous: JSON.parse(row.previous) as Record<string, unknown> }),
        committedAt: row.committed_at,
      }));
    },
    async acknowledge(ids) {
      const { db } = file.statements();
      const remove = db.prepare<[number]>("DELETE FROM document_changes WHERE seq = ?");
      mapSqliteErrors(() =>
        db.transaction(() => {
          for (const id of ids) remove.run(Number(id));
        })(),
      );
    },
  };
}
