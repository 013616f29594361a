import type { DocumentChange } from "../collections/change.js";
import type { CollectionDeclaration } from "../collections/declaration.js";
import { keyOf } from "../collections/rules.js";
import { storedDocumentOf } from "../collections/stored.js";
import type { Change, ChangesHandler } from "../function/change.js";
import type { Context } from "../function/context.js";
import { pastDeadline } from "../function/deadline.js";
import type { MessageFailure } from "../function/message.js";
import { describe } from "../http/describe.js";
import { inSpan } from "../observability/spans.js";
import { PoisonMessage } from "./queue-router.js";

/** Handles one change. Throw PoisonMessage when no retry can succeed; any other error is retried. */
export type ChangeConsumer = (change: Change, context: Context) => Promise<void>;

/** Handles one change of a declared collection, normalized: created, updated or deleted, its key, version, value and previous value. */
export type DocumentChangeConsumer<T> = (change: DocumentChange<T>, context: Context) => Promise<void>;

const TYPES = { insert: "created", update: "updated", delete: "deleted", write: "updated" } as const;

/**
 * A declared collection's consumer fed from any feed's change. A feed that cannot tell an insert from an
 * update (Cosmos DB's latest-version mode, `write`) gives `updated`: its version says which write it is.
 */
export function documentConsumer<T>(declaration: CollectionDeclaration<T>, consumer: DocumentChangeConsumer<T>): ChangeConsumer {
  return (change, context) => {
    const deleted = change.operation === "delete";
    const value = deleted ? undefined : (change.document as T);
    const previous = change.previous ?? (deleted && Object.keys(change.document).length > 0 ? change.document : undefined);
    const source = (value ?? previous) as Record<string, unknown> | undefined;
    const key = source && keyOf(declaration, source);
    if (!key || Object.values(key).some((field) => typeof field !== "string"))
      throw new PoisonMessage(`a change of ${declaration.name} without its document's key`);
    const type = TYPES[change.operation];
    return consumer(
      {
        id: change.id,
        type,
        key,
        version: change.version ?? "",
        ...(value !== undefined && { value }),
        ...(previous !== undefined && { previous: previous as T }),
        ...(change.committedAt !== undefined && { committedAt: change.committedAt }),
      },
      context,
    );
  };
}

/**
 * Hands each change to the consumer, one document's changes in commit order and documents side
 * by side. Once a change of a document fails, that document's later changes are not handed on and
 * fail with it, so that a retry sees them in order; other documents go on.
 */
export function routeChanges(collection: string, consumer: ChangeConsumer): ChangesHandler {
  /** One change in a span of its own: undefined when the consumer took it, else its failure (logged). */
  function handle(change: Change, context: Context): Promise<MessageFailure | undefined> {
    return inSpan(`process ${collection}`, "consumer", context.traceparent, async (traceparent, { traceId, spanId }) => {
      const logger = context.logger.child({ collection, changeId: change.id, key: change.key, traceId, spanId });
      try {
        if (pastDeadline(context.deadline)) throw new Error("not enough time left before the deadline");
        await consumer(change, { ...context, logger, traceparent, principal: undefined });
        return undefined;
      } catch (error) {
        const retryable = !(error instanceof PoisonMessage);
        context.metrics?.record("FailedChanges", 1, "Count");
        logger[retryable ? "warn" : "error"]("change failed", { retryable, error: describe(error) });
        return { id: change.id, retryable };
      }
    });
  }

  async function handleDocument(changes: Change[], context: Context): Promise<MessageFailure[]> {
    for (const [index, change] of changes.entries()) {
      const failure = await handle(change, context);
      // The later changes of this document wait for this one: retried, never skipped.
      if (failure) return [failure, ...changes.slice(index + 1).map((later) => ({ id: later.id, retryable: true }))];
    }
    return [];
  }

  return async function consume(changes, context) {
    // One change (a Firestore event, a batch of one): handled as it comes, with no grouping by document.
    if (changes.length === 1) {
      const failure = await handle(asDocument(changes[0]!), context);
      return { failed: failure ? [failure] : [] };
    }
    const byDocument = new Map<string, Change[]>();
    for (const change of changes.map(asDocument)) byDocument.set(change.key, [...(byDocument.get(change.key) ?? []), change]);
    const failed = await Promise.all([...byDocument.values()].map((documentChanges) => handleDocument(documentChanges, context)));
    return { failed: failed.flat() };
  };
}

/** A change whose raw record is a collection's stored document, as that document (the feeds hand on what the store wrote). */
function asDocument(change: Change): Change {
  const stored = storedDocumentOf(change.document);
  if (!stored) return change;
  const { previous: raw, ...rest } = change;
  const previous = storedDocumentOf(raw)?.value;
  return { ...rest, document: stored.value, version: stored.version, ...(previous && { previous }) };
}
