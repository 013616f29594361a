import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDocuments } from "@skyport/sqlite";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { rawSqlite } from "../src/documents/sqlite.js";
import { benchDocument, idOf, portableDeclaration, portableSide, rawDeclaration } from "../src/documents/workload.js";

describe("the documents bench's hand-written SQLite baseline", () => {
  const dir = mkdtempSync(join(tmpdir(), "skyport-bench-documents-test-"));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores a putMany of 100 as the portable collection does: each row's JSON the same, and the store reads the raw rows back", async () => {
    const path = join(dir, "documents.db");
    const documents = openSqliteDocuments(path);
    await documents.ensure([portableDeclaration, rawDeclaration]);
    const db = new Database(path);
    const values = Array.from({ length: 100 }, (_, i) => benchDocument("m", idOf(i), i));

    await portableSide(documents.collection(portableDeclaration)).putMany(values);
    await rawSqlite(db).putMany(values);

    const bodies = (location: string) =>
      db.prepare<[string], { sk: string; body: string }>("SELECT sk, body FROM documents WHERE collection = ? ORDER BY sk").all(location);
    expect(bodies(rawDeclaration.name)).toEqual(bodies(portableDeclaration.name));
    const readByStore = await documents.collection(rawDeclaration).query({ where: { tenant: "m" }, limit: 100 });
    expect(readByStore.items.map((item) => item.value)).toEqual(values);
    db.close();
    await documents.close();
  });
});
