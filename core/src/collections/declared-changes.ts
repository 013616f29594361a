import type { DeclaredCollections } from "../ports/scanned-change-feed.js";
import type { DocumentChangeFeed } from "./change.js";
import type { Documents } from "./collection.js";
import type { CollectionDeclaration } from "./declaration.js";

/**
 * `documents` with the change feed `feedOn` makes, which reads each collection by the declaration
 * the documents were given for it (by `collection(...)`, or `ensure(...)`, which the local server
 * calls with the app's collections at start): for a store whose feed must know a collection's key
 * fields or table (a stream, a scan), and learns them from the calls rather than from a list of its own.
 */
export function withDeclaredChanges(documents: Documents, feedOn: (declared: DeclaredCollections) => DocumentChangeFeed): Documents {
  const declared = new Map<string, CollectionDeclaration<unknown>>();
  const learn = (declaration: CollectionDeclaration<unknown>) => declared.set(declaration.name, declaration);
  return {
    collection(declaration) {
      learn(declaration as CollectionDeclaration<unknown>);
      return documents.collection(declaration);
    },
    async ensure(declarations) {
      for (const declaration of declarations) learn(declaration);
      await documents.ensure(declarations);
    },
    changes: feedOn(declared),
    close: () => documents.close(),
  };
}

/** Documents with their collections made where missing; a failure closes them (a file let go of, a client released). */
export async function ensuredDocuments(documents: Documents, declarations: readonly CollectionDeclaration<unknown>[]): Promise<Documents> {
  try {
    await documents.ensure(declarations);
  } catch (error) {
    await documents.close();
    throw error;
  }
  return documents;
}
