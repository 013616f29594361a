export { firestoreStores } from "./stores.js";
export { FirestoreOrderStore } from "./order-store.js";
export { FirestoreIdempotencyStore, IdempotencyKeyContended } from "./idempotency-store.js";
export { FirestoreDeadlineExceeded } from "./firestore-errors.js";
export { firestoreSettings, DEFAULT_DATABASE } from "./firestore-settings.js";
export { DEFAULT_DEADLINE_MS, type FirestoreStoreOptions } from "./store-options.js";
export { ORDERS, IDEMPOTENCY_KEYS, EXPIRES_AT } from "./collections.js";
export { COMPOSITE_INDEXES, FIELD_OVERRIDES, type CompositeIndex, type FieldOverride } from "./indexes.js";
