// What an entry point reads at start without loading the Firestore SDK (its types only).
export { firestoreSettings as readFirestoreSettings } from "./firestore-settings.js";

/** SKYPORT_STORE's value for this store. */
export const FIRESTORE_STORE = "firestore";
