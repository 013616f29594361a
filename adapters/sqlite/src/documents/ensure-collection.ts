import type { CollectionDeclaration, KeyShape } from "@skyport/core";
import { CollectionMismatch } from "../errors.js";
import type { DocumentStatements } from "./document-statements.js";
import { indexEntries } from "./index-entries.js";

interface RegisteredShape {
  partition_field: string;
  sort_field: string | null;
}

interface RegisteredIndex extends RegisteredShape {
  index_name: string;
}

// Rows read at a time when an index is built over documents already in the file.
const BACKFILL_BATCH = 500;

const describe = (shape: RegisteredShape) => (shape.sort_field === null ? shape.partition_field : `${shape.partition_field}, ${shape.sort_field}`);
const registered = (shape: KeyShape): RegisteredShape => ({ partition_field: shape.partition, sort_field: shape.sort ?? null });
const same = (a: RegisteredShape, b: RegisteredShape) => a.partition_field === b.partition_field && a.sort_field === b.sort_field;

/**
 * Records the collection's key and indexes in the file, in one IMMEDIATE transaction: a new index is built
 * from the documents already there, an index no longer declared is dropped (writes no longer keep it), and
 * a key or index recorded with other fields is refused with `CollectionMismatch` naming both.
 */
export function ensureCollection(statements: DocumentStatements, location: string, declaration: CollectionDeclaration<unknown>): void {
  const { db } = statements;
  statements.write(() => {
    const key = registered(declaration.key);
    const found = db.prepare<[string], RegisteredShape>("SELECT partition_field, sort_field FROM document_collections WHERE collection = ?").get(location);
    if (found !== undefined && !same(found, key)) {
      throw new CollectionMismatch(location, `the file keys it by ${describe(found)}; the declaration ${declaration.name} by ${describe(key)}`);
    }
    if (found === undefined) {
      db.prepare("INSERT INTO document_collections (collection, partition_field, sort_field) VALUES (?, ?, ?)").run(
        location,
        key.partition_field,
        key.sort_field,
      );
    }
    const indexes = db
      .prepare<[string], RegisteredIndex>("SELECT index_name, partition_field, sort_field FROM document_indexes WHERE collection = ?")
      .all(location);
    for (const [name, shape] of Object.entries(declaration.indexes)) {
      const existing = indexes.find((index) => index.index_name === name);
      if (existing !== undefined && !same(existing, registered(shape))) {
        throw new CollectionMismatch(
          location,
          `the file has index ${name} on ${describe(existing)}; the declaration ${declaration.name} on ${describe(registered(shape))}`,
        );
      }
    }
    for (const index of indexes) {
      if (declaration.indexes[index.index_name] !== undefined) continue;
      db.prepare("DELETE FROM document_index WHERE collection = ? AND index_name = ?").run(location, index.index_name);
      db.prepare("DELETE FROM document_indexes WHERE collection = ? AND index_name = ?").run(location, index.index_name);
    }
    for (const [name, shape] of Object.entries(declaration.indexes)) {
      if (indexes.some((index) => index.index_name === name)) continue;
      const { partition_field, sort_field } = registered(shape);
      db.prepare("INSERT INTO document_indexes (collection, index_name, partition_field, sort_field) VALUES (?, ?, ?, ?)").run(
        location,
        name,
        partition_field,
        sort_field,
      );
      buildIndex(statements, location, declaration, name);
    }
  });
}

/** Index rows for the documents written before the index was declared (or before ensure ran). */
function buildIndex(statements: DocumentStatements, location: string, declaration: CollectionDeclaration<unknown>, name: string): void {
  const { db } = statements;
  db.prepare("DELETE FROM document_index WHERE collection = ? AND index_name = ?").run(location, name);
  const page = db.prepare<[string, string, string, number], { pk: string; sk: string; body: string }>(
    "SELECT pk, sk, body FROM documents WHERE collection = ? AND (pk, sk) > (?, ?) ORDER BY pk, sk LIMIT ?",
  );
  let after = { pk: "", sk: "" };
  for (;;) {
    const rows = page.all(location, after.pk, after.sk, BACKFILL_BATCH);
    for (const { pk, sk, body } of rows) {
      const entry = indexEntries(declaration, JSON.parse(body)).find((candidate) => candidate.index === name);
      if (entry !== undefined) statements.addIndexRow.run({ collection: location, ...entry, pk, sk });
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < BACKFILL_BATCH) return;
    after = last;
  }
}
