import type { Env, Stores } from "@skyport/core";
import { firestoreClient } from "./firestore-client.js";
import { FirestoreIdempotencyStore } from "./idempotency-store.js";
import { FirestoreOrderStore } from "./order-store.js";
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
    close: () => firestore.terminate(),
  };
}
