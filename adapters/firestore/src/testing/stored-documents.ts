import { Timestamp, type DocumentData, type Firestore } from "@google-cloud/firestore";
import { fieldsOf, type CollectionDeclaration, type DocumentKey, type Env } from "@skyport/core";
import { firestoreLocation } from "../documents/collection-location.js";
import { documentId } from "../documents/document-id.js";
import { DOCUMENT_FIELDS } from "../documents/stored-document.js";

/** A key's document as Firestore holds it (its stored fields), read straight from the collection: for tests. */
export async function storedFieldsOf(
  firestore: Firestore,
  env: Env,
  declaration: CollectionDeclaration<unknown>,
  key: DocumentKey,
): Promise<DocumentData | undefined> {
  const id = documentId(fieldsOf(declaration.key).map((field) => key[field]!));
  return (await firestore.collection(firestoreLocation(env, declaration)).doc(id).get()).data();
}

/**
 * The instant the TTL policy deletes a key's document at, in epoch seconds (rounded up), read from
 * its expiry field. Undefined unless the field is a Timestamp, the only type TTL acts on.
 */
export async function ttlExpiryOf(firestore: Firestore, env: Env, declaration: CollectionDeclaration<unknown>, key: DocumentKey): Promise<number | undefined> {
  const expiresAt: unknown = (await storedFieldsOf(firestore, env, declaration, key))?.[DOCUMENT_FIELDS.expiresAt];
  return expiresAt instanceof Timestamp ? Math.ceil(expiresAt.toMillis() / 1000) : undefined;
}
