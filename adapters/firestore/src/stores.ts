import { Firestore } from "@google-cloud/firestore";
import type { Env, Stores } from "@skyport/core";
import { firestoreSettings } from "./firestore-settings.js";
import { FirestoreIdempotencyStore } from "./idempotency-store.js";
import { FirestoreOrderStore } from "./order-store.js";
import type { FirestoreStoreOptions } from "./store-options.js";

/**
 * Both stores on one client. In Google Cloud the client signs in as the function's service
 * account (Application Default Credentials), which needs roles/datastore.user.
 */
export function firestoreStores(env: Env, options: FirestoreStoreOptions = {}): Stores {
  const firestore = new Firestore(firestoreSettings(env));
  return {
    orders: new FirestoreOrderStore(firestore, options),
    idempotency: new FirestoreIdempotencyStore(firestore, options),
    close: () => firestore.terminate(),
  };
}
