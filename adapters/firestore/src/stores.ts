import { idempotencyCollection, orderStoresOn, ordersCollection, ScannedChangeFeed, type Env, type Stores } from "@skyport/core";
import { documentsOn } from "./documents/firestore-documents.js";
import { firestoreClient } from "./firestore-client.js";
import { scannedCollections } from "./scanned-collections.js";
import type { FirestoreStoreOptions } from "./store-options.js";

/**
 * The order service's stores (core's, on `firestoreDocuments`) on one client. In Google Cloud the
 * client signs in as the function's service account (Application Default Credentials), which
 * needs roles/datastore.user. Firestore has nothing to create: the template deploys the indexes
 * and the TTL policy, and an emulator takes any collection.
 */
export function firestoreStores(env: Env, options: FirestoreStoreOptions = {}): Stores {
  const firestore = firestoreClient(env);
  return {
    ...orderStoresOn(documentsOn(firestore, env, options)),
    // For the local server, which has no Firestore trigger to call its changes functions (Google Cloud does).
    changes: new ScannedChangeFeed(scannedCollections(firestore, env, [ordersCollection, idempotencyCollection])),
  };
}
