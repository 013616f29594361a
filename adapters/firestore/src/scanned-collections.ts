import type { DocumentSnapshot, Firestore, QueryDocumentSnapshot } from "@google-cloud/firestore";
import type { CollectionDeclaration, DeclaredCollections, Env, VersionedCollections, VersionedDocument } from "@skyport/core";
import { firestoreLocation } from "./documents/collection-location.js";
import { DOCUMENT_FIELDS, liveDocument } from "./documents/stored-document.js";

/**
 * The declared collections as the local server's change feed reads them (core's ScannedChangeFeed)
 * on the emulator, whose listeners never say they have caught up: the versions are the documents'
 * `$version`, listed with the expiry alone; the changed ones are then read in one batch and handed
 * on as their values. A document is listed by its id (the key's values, encoded: see documentId);
 * the feed names it by its key fields. An expired document (the TTL policy deletes it late), or one
 * no collection wrote, is not listed (the feed then hands on the delete of one it saw before).
 */
export function scannedCollections(firestore: Firestore, env: Env, declared: DeclaredCollections): VersionedCollections {
  const collectionOf = (name: string) => {
    const declaration = declared.get(name);
    if (!declaration) throw new Error(`no collection ${name} in these documents (${[...declared.keys()].join(", ")})`);
    return { declaration, documents: firestore.collection(firestoreLocation(env, declaration)) };
  };
  return {
    async *versions(collection) {
      const { declaration, documents } = collectionOf(collection);
      const listed = documents.select(DOCUMENT_FIELDS.version, DOCUMENT_FIELDS.expiresAt).stream() as AsyncIterable<QueryDocumentSnapshot>;
      const now = Date.now();
      for await (const snapshot of listed) {
        const version: unknown = snapshot.get(DOCUMENT_FIELDS.version);
        if (typeof version === "string" && !expired(declaration, snapshot, now)) yield { key: snapshot.id, version };
      }
    },
    async read(collection, keys) {
      if (keys.length === 0) return [];
      const { declaration, documents } = collectionOf(collection);
      const snapshots = await firestore.getAll(...keys.map((key) => documents.doc(key)));
      return snapshots.flatMap((snapshot): VersionedDocument[] => {
        const live = snapshot.updateTime && liveDocument(declaration, snapshot);
        if (!live) return [];
        return [
          {
            key: snapshot.id,
            version: live.version,
            document: live.value as Record<string, unknown>,
            committedAt: snapshot.updateTime!.toDate().toISOString(),
          },
        ];
      });
    },
  };
}

/** Past the expiry Timestamp written beside the document (the TTL field), read without its JSON. */
function expired(declaration: CollectionDeclaration<unknown>, snapshot: DocumentSnapshot, nowMs: number): boolean {
  if (declaration.expiresAt === undefined) return false;
  const expiresAt = snapshot.get(DOCUMENT_FIELDS.expiresAt) as { toMillis(): number } | undefined;
  return expiresAt !== undefined && expiresAt.toMillis() <= nowMs;
}
