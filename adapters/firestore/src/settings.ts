import type { Settings } from "@google-cloud/firestore";
import type { CollectionDeclaration, Env } from "@skyport/core";
import { firestoreLocation } from "./documents/collection-location.js";
import { firestoreSettings } from "./firestore-settings.js";

// What an entry point reads at start without loading the Firestore SDK (its types only).

/** SKYPORT_STORE's value for this store. */
export const FIRESTORE_STORE = "firestore";

/**
 * The client's settings, and where each declared collection lives (SKYPORT_COLLECTION_<NAME>, a
 * Firestore collection id), so that a wrong value fails the start, naming its variable.
 */
export function readFirestoreSettings(env: Env, declarations: readonly CollectionDeclaration<unknown>[] = []): Settings {
  const settings = firestoreSettings(env);
  for (const declaration of declarations) firestoreLocation(env, declaration);
  return settings;
}
