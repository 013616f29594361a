import type { Firestore } from "@google-cloud/firestore";
import { ScannedChangeFeed, withDeclaredChanges, type Documents, type Env } from "@skyport/core";
import { withinDeadline } from "../deadline.js";
import { firestoreClient } from "../firestore-client.js";
import { scannedCollections } from "../scanned-collections.js";
import { DEFAULT_DEADLINE_MS, type FirestoreStoreOptions } from "../store-options.js";
import { firestoreLocation } from "./collection-location.js";
import { ensureDeclared } from "./declared-collections.js";
import { firestoreCollection } from "./firestore-collection.js";

/**
 * Declared collections on Firestore (SKYPORT_STORE=firestore), on the project and database the
 * environment names, as the order stores read them. Each call has the store's deadline.
 */
export function firestoreDocuments(env: Env, options: FirestoreStoreOptions = {}): Documents {
  return documentsOn(firestoreClient(env), env, options);
}

/**
 * The collections on a client of the caller's (which close() terminates), and their change feed for
 * the local server, which has no Firestore trigger to call its changes functions (Google Cloud does):
 * core's ScannedChangeFeed over `scannedCollections`, on the collections these documents were given.
 */
export function documentsOn(firestore: Firestore, env: Env, options: FirestoreStoreOptions = {}): Documents {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const documents: Documents = {
    collection: (declaration) => firestoreCollection(firestore, declaration, firestoreLocation(env, declaration), deadlineMs),
    async ensure(declarations) {
      for (const declaration of declarations) {
        const location = firestoreLocation(env, declaration);
        await withinDeadline(`${location}.ensure`, deadlineMs, () => ensureDeclared(firestore, location, declaration));
      }
    },
    close: () => firestore.terminate(),
  };
  return withDeclaredChanges(documents, (declared) => new ScannedChangeFeed(scannedCollections(firestore, env, declared), declared));
}
