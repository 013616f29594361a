import { STORED_FIELDS, type Change } from "@skyport/core";

/** The system properties Cosmos DB adds to every document; the change carries the document's own fields. */
const SYSTEM_PROPERTIES = new Set(["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"]);

/**
 * The Cosmos DB trigger's documents (change feed, latest-version mode) as neutral changes. The
 * feed gives only the item as it is now, so the operation is `write`, or `delete` for a tombstone
 * (`$deleted`: the Cosmos store replaces a deleted document's item with one, since this mode carries
 * no deletes); its id joins the item's id and its log sequence number, unique per committed version.
 * The item is handed on as stored (a collection's item holds the document in `$document`, for a
 * tombstone the one deleted, which core reads back with its version); its key is the item's id,
 * which the Cosmos store derives one-to-one from the document's key.
 */
export function fromCosmosDocuments(documents: readonly unknown[]): Change[] {
  return documents.map((item) => {
    const document = item as Record<string, unknown>;
    const key = String(document.id);
    return {
      id: `${key}@${String(document._lsn ?? document._etag)}`,
      key,
      operation: document[STORED_FIELDS.deleted] === true ? "delete" : "write",
      document: Object.fromEntries(Object.entries(document).filter(([name]) => !SYSTEM_PROPERTIES.has(name))),
      ...(typeof document._ts === "number" && { committedAt: new Date(document._ts * 1000).toISOString() }),
    };
  });
}

/** A change the function gave up on, as one dead-letter queue message (JSON, as the Storage queues' other messages). */
export function toDeadLetterMessage(collection: string, change: Change, reason: "poison" | "attempts exhausted", attempts: number): string {
  const letter: { collection: string; change: Change; reason: string; attempts: number; at: string } = {
    collection,
    change,
    reason,
    attempts,
    at: new Date().toISOString(),
  };
  return JSON.stringify(letter);
}
