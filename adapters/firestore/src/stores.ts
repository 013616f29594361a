import { ScannedChangeFeed, type Env, type Stores } from "@skyport/core";
import { firestoreClient } from "./firestore-client.js";
import { FirestoreIdempotencyStore } from "./idempotency-store.js";
import { FirestoreOrderStore } from "./order-store.js";
import { scannedCollections } from "./scanned-collections.js";
import type { FirestoreStoreOptions } from "./store-options.js";

/**
 * Both stores on one client. In Google Cloud the client signs in as the function's service
 * account (Application Default Credentials), which needs roles/datastore.user.
 */
export function firestoreStores(env: Env, options: FirestoreStoreOptions = {}): Stores {
  const firestore = firestoreClient(env);
  return {
    orders: new FirestoreOrderStore(firestore, options),
    idempotency: new FirestoreIdempotencyStore(firestore, options),
    // For the local server, which has no Firestore trigger to call its changes functions (Google Cloud does).
    changes: new ScannedChangeFeed(scannedCollections(firestore)),
    close: () => firestore.terminate(),
  };
}
