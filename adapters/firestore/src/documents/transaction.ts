import type { DocumentReference, Firestore } from "@google-cloud/firestore";
import {
  DocumentExists,
  InvalidQuery,
  newVersion,
  VersionConflict,
  type CollectionDeclaration,
  type DocumentKey,
  type OperationResult,
  type PlannedOperation,
} from "@skyport/core";
import { liveDocument, storedDocument } from "./stored-document.js";

/** Firestore's limit on one commit request is 10 MiB: this leaves room for the key fields and the request itself. */
export const MAX_COMMIT_BYTES = 9 * 1024 * 1024;

/** The JSON bytes a commit of these operations carries, to stay under Firestore's request limit. */
export function commitBytes(operations: readonly PlannedOperation[]): number {
  return operations.reduce((sum, operation) => sum + ("document" in operation ? Buffer.byteLength(operation.document.json, "utf8") : 0), 0);
}

/**
 * A transaction of planned operations: every document read in it (Firestore locks what a
 * transaction reads until it commits), every condition checked in order, then every write; a
 * failed condition rolls it back, so nothing is written. A check is a read and no write.
 */
export async function transact(
  firestore: Firestore,
  declaration: CollectionDeclaration<unknown>,
  refOf: (key: DocumentKey) => DocumentReference,
  planned: readonly PlannedOperation[],
): Promise<OperationResult[]> {
  if (commitBytes(planned) > MAX_COMMIT_BYTES)
    throw new InvalidQuery(`a transaction's documents total over ${MAX_COMMIT_BYTES} bytes, Firestore's commit limit`);
  return firestore.runTransaction(async (transaction) => {
    const snapshots = await transaction.getAll(...planned.map((operation) => refOf(operation.key)));
    const now = Date.now();
    for (const [index, operation] of planned.entries()) {
      const live = liveDocument(declaration, snapshots[index]!, now);
      if (operation.kind === "create" && live) throw new DocumentExists(operation.key, index);
      if (operation.kind !== "create" && operation.ifVersion !== undefined && live?.version !== operation.ifVersion) {
        throw new VersionConflict(operation.key, index);
      }
    }
    return planned.map((operation, index): OperationResult => {
      const target = snapshots[index]!.ref;
      if (operation.kind === "create" || operation.kind === "put") {
        const version = newVersion();
        transaction.set(target, storedDocument(declaration, operation.document, operation.value, version));
        return { version };
      }
      if (operation.kind === "delete") transaction.delete(target);
      return {};
    });
  });
}
