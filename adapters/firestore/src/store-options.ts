export interface FirestoreStoreOptions {
  /** How long one store operation may take before it fails as StoreUnavailable; 10 s by default. */
  deadlineMs?: number;
}

// Well under the functions' own timeouts, well over Firestore's usual tens of milliseconds.
export const DEFAULT_DEADLINE_MS = 10_000;
