import { newVersion, type CheckedDocument, type CollectionDeclaration, type DocumentKey } from "@skyport/core";
import type { ChangeRow, DocumentStatements, StoredDocument } from "./document-statements.js";
import { indexEntries } from "./index-entries.js";
import { documentKeyOf, storedKey, type StoredKey } from "./stored-key.js";

/** How many expired documents one write deletes: enough to keep up, small enough to stay fast. */
export const PURGE_BATCH = 100;

/** A live document as stored: its version and its JSON. */
export type LiveDocument = Pick<StoredDocument, "version" | "body">;

/**
 * One collection's rows inside one write transaction: the document, its index rows and its change row,
 * always written together, so that a committed write has all three and a rolled-back one none.
 */
export class DocumentRows {
  private readonly committedAt: string;

  constructor(
    private readonly statements: DocumentStatements,
    private readonly location: string,
    private readonly declaration: CollectionDeclaration<unknown>,
    private readonly nowMs: number,
  ) {
    this.committedAt = new Date(nowMs).toISOString();
  }

  /** The live document at `key`; an expired one is deleted first, so that a write over it is a create in the change feed. */
  live(key: DocumentKey): LiveDocument | undefined {
    const stored = storedKey(this.declaration, key);
    const row = this.statements.select.get(this.location, stored.pk, stored.sk);
    if (row === undefined) return undefined;
    if (row.expires_at !== null && row.expires_at <= this.nowMs) {
      this.remove(stored, row);
      return undefined;
    }
    return row;
  }

  /** Writes a checked document with a new version over `previous` (undefined: none), with its index rows and change; answers the version. */
  write(document: CheckedDocument, value: unknown, previous: LiveDocument | undefined): string {
    const version = newVersion();
    const stored = storedKey(this.declaration, document.key);
    const row = { collection: this.location, ...stored, version, expiresAt: document.expiresAtMs ?? null, body: document.json };
    this.statements.upsert.run(row);
    this.statements.removeIndexRows.run(this.location, stored.pk, stored.sk);
    for (const entry of indexEntries(this.declaration, value)) this.statements.addIndexRow.run({ collection: this.location, ...entry, ...stored });
    this.change(stored, previous === undefined ? "created" : "updated", version, document.json, previous?.body ?? null);
    return version;
  }

  /** Deletes a live document and its index rows; its change carries the deleted version, and its value as `previous`. */
  delete(key: DocumentKey, previous: LiveDocument): void {
    this.remove(storedKey(this.declaration, key), previous);
  }

  /** SQLite has no TTL: each write deletes up to a batch of this collection's expired documents, each with its deleted change. */
  purge(): void {
    for (const row of this.statements.expired.all(this.location, this.nowMs, PURGE_BATCH)) this.remove(row, row);
  }

  private remove(stored: StoredKey, previous: LiveDocument): void {
    this.statements.remove.run(this.location, stored.pk, stored.sk);
    this.statements.removeIndexRows.run(this.location, stored.pk, stored.sk);
    this.change(stored, "deleted", previous.version, null, previous.body);
  }

  private change(stored: StoredKey, type: ChangeRow["type"], version: string, value: string | null, previous: string | null): void {
    const key = JSON.stringify(documentKeyOf(this.declaration, stored));
    this.statements.appendChange.run({ collection: this.location, key, type, version, value, previous, committedAt: this.committedAt });
  }
}
