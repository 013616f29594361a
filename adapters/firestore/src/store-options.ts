/** Options of the Firestore store: how long one operation may take. */
export interface FirestoreStoreOptions {
  /**
   * How long one store operation may take, every SDK attempt and retry included, before it
   * fails as StoreUnavailable; 5 s by default.
   */
  deadlineMs?: number;
}

// Well over Firestore's usual tens of milliseconds (and a cold client's first call), well under a function's 60 s.
/** How long one store operation may take, retries included, unless the options say otherwise. */
export const DEFAULT_DEADLINE_MS = 5_000;
