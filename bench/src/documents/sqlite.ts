import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDocuments } from "@skyport/sqlite";
import Database from "better-sqlite3";
import { type BenchDocument, type DocumentSide, PAGE, portableDeclaration, portableSide, RAW_LOCATION, rawDeclaration, type StorePair } from "./workload.js";

const version = () => randomBytes(12).toString("base64url");

/**
 * By hand on the store's own `documents` table, on a second connection with the store's pragmas:
 * one statement per call, the version checked in the UPDATE's WHERE, the batch one transaction.
 * (The portable side also writes its change row and sweeps expired rows in each write's transaction.)
 */
export function rawSqlite(db: Database.Database): DocumentSide<string> {
  const select = db.prepare<[string, string, string], { body: string }>("SELECT body FROM documents WHERE collection = ? AND pk = ? AND sk = ?");
  const insert = db.prepare("INSERT INTO documents (collection, pk, sk, version, expires_at, body) VALUES (?, ?, ?, ?, NULL, ?)");
  const update = db.prepare("UPDATE documents SET version = ?, body = ? WHERE collection = ? AND pk = ? AND sk = ? AND version = ?");
  const upsert = db.prepare(`INSERT INTO documents (collection, pk, sk, version, expires_at, body) VALUES (?, ?, ?, ?, NULL, ?)
    ON CONFLICT (collection, pk, sk) DO UPDATE SET version = excluded.version, body = excluded.body`);
  const page = db.prepare<[string, string, number], { body: string }>("SELECT body FROM documents WHERE collection = ? AND pk = ? ORDER BY sk LIMIT ?");
  const batch = db.transaction((documents: readonly BenchDocument[]) => {
    for (const document of documents) upsert.run(RAW_LOCATION, document.tenant, document.id, version(), JSON.stringify(document));
  });
  return {
    async get(tenant, id) {
      const row = select.get(RAW_LOCATION, tenant, id);
      return row && (JSON.parse(row.body) as BenchDocument);
    },
    async create(document) {
      const created = version();
      insert.run(RAW_LOCATION, document.tenant, document.id, created, JSON.stringify(document)); // SQLITE_CONSTRAINT_PRIMARYKEY when taken
      return created;
    },
    async put(document, at) {
      const next = version();
      if (update.run(next, JSON.stringify(document), RAW_LOCATION, document.tenant, document.id, at).changes !== 1) throw new Error("version conflict");
      return next;
    },
    queryPage: async (tenant) => page.all(RAW_LOCATION, tenant, PAGE).map((row) => JSON.parse(row.body) as BenchDocument),
    putMany: async (documents) => batch(documents),
  };
}

/** A fresh file in a temp directory: the portable documents make its schema, the raw side opens it as the store does (WAL, synchronous NORMAL). */
export async function sqlitePair(): Promise<StorePair> {
  const dir = mkdtempSync(join(tmpdir(), "skyport-bench-documents-"));
  const documents = openSqliteDocuments(join(dir, "documents.db"));
  await documents.ensure([portableDeclaration, rawDeclaration]);
  const db = new Database(join(dir, "documents.db"), { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  return {
    store: "sqlite",
    on: "a SQLite file",
    portable: portableSide(documents.collection(portableDeclaration)),
    raw: rawSqlite(db),
    async stop() {
      db.close();
      await documents.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
