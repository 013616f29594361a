import {
  DocumentExists,
  StoreUnavailable,
  VersionConflict,
  checkDocument,
  checkKey,
  checkPutMany,
  decodePosition,
  encodeCursor,
  planQuery,
  planTransaction,
  positionOf,
  type CheckedDocument,
  type Clock,
  type Collection,
  type CollectionDeclaration,
  type OperationResult,
  type PutOutcome,
  type Versioned,
} from "@skyport/core";
import { mapSqliteErrors } from "../sqlite-errors.js";
import type { DocumentFile } from "./document-file.js";
import { DocumentRows } from "./document-rows.js";
import type { DocumentStatements, StoredDocument } from "./document-statements.js";
import { queryStatement } from "./query-statement.js";
import { storedKey } from "./stored-key.js";

/** A collection at `location` in the file: every write one IMMEDIATE transaction, every read one statement. */
export function sqliteCollection<T>(file: DocumentFile, location: string, declaration: CollectionDeclaration<T>, clock: Clock): Collection<T> {
  const run = <R>(work: (statements: DocumentStatements) => R): R => mapSqliteErrors(() => work(file.statements()));
  const write = <R>(work: (rows: DocumentRows) => R): R =>
    run((statements) =>
      statements.write(() => {
        const rows = new DocumentRows(statements, location, declaration, clock.now().getTime());
        rows.purge();
        return work(rows);
      }),
    );
  const read = (row: Pick<StoredDocument, "version" | "body">): Versioned<T> => ({ value: JSON.parse(row.body) as T, version: row.version });
  const written = (document: CheckedDocument, version: string): Versioned<T> => ({ value: JSON.parse(document.json) as T, version });

  return {
    declaration,
    async get(key) {
      const { pk, sk } = storedKey(declaration, checkKey(declaration, key));
      const row = run((statements) => statements.select.get(location, pk, sk));
      // Past expiresAt a document is absent, whether or not a purge has deleted it yet.
      return row === undefined || (row.expires_at !== null && row.expires_at <= clock.now().getTime()) ? undefined : read(row);
    },
    async create(value) {
      const document = checkDocument(declaration, value);
      const version = write((rows) => {
        if (rows.live(document.key) !== undefined) throw new DocumentExists(document.key);
        return rows.write(document, value, undefined);
      });
      return written(document, version);
    },
    async put(value, { ifVersion } = {}) {
      const document = checkDocument(declaration, value);
      const version = write((rows) => {
        const live = rows.live(document.key);
        if (ifVersion !== undefined && live?.version !== ifVersion) throw new VersionConflict(document.key);
        return rows.write(document, value, live);
      });
      return written(document, version);
    },
    async delete(key, { ifVersion } = {}) {
      const checked = checkKey(declaration, key);
      return write((rows) => {
        const live = rows.live(checked);
        if (ifVersion !== undefined && live?.version !== ifVersion) throw new VersionConflict(checked);
        if (live !== undefined) rows.delete(checked, live);
        return live !== undefined;
      });
    },
    async query(query) {
      const plan = planQuery(declaration, query);
      const statement = queryStatement(declaration, location, plan, decodePosition(declaration, plan), clock.now().getTime());
      const rows = run((statements) => statements.query(statement.sql).all(statement.params));
      const items = rows.slice(0, plan.limit).map(read);
      const last = items.at(-1);
      return {
        items,
        ...(rows.length > plan.limit && last && { cursor: encodeCursor(plan.scope, positionOf(declaration, plan, last.value)) }),
      };
    },
    async transact(operations) {
      const planned = planTransaction(declaration, operations);
      // One transaction: a failed condition throws, and better-sqlite3 rolls back every write before it.
      return write((rows) =>
        planned.map((operation, index): OperationResult => {
          const live = rows.live(operation.key);
          if (operation.kind === "create") {
            if (live !== undefined) throw new DocumentExists(operation.key, index);
            return { version: rows.write(operation.document, operation.value, undefined) };
          }
          if (operation.ifVersion !== undefined && live?.version !== operation.ifVersion) throw new VersionConflict(operation.key, index);
          if (operation.kind === "put") return { version: rows.write(operation.document, operation.value, live) };
          if (operation.kind === "delete" && live !== undefined) rows.delete(operation.key, live);
          return {};
        }),
      );
    },
    async putMany(values) {
      checkPutMany(values);
      const checked = values.map((value) => {
        try {
          return { value, document: checkDocument(declaration, value) };
        } catch (error) {
          return { value, error: error as Error };
        }
      });
      try {
        // One transaction for the batch: SQLite's batch write. An invalid value was left out above, alone.
        const versions = write((rows) => checked.map(({ value, document }) => document && rows.write(document, value, rows.live(document.key))));
        return checked.map(({ error }, i): PutOutcome => (error ? { error } : { version: versions[i]! }));
      } catch (error) {
        // The file could not take the batch: nothing was written, and every valid value says so.
        if (!(error instanceof StoreUnavailable)) throw error;
        return checked.map((outcome): PutOutcome => ({ error: outcome.error ?? error }));
      }
    },
  };
}
