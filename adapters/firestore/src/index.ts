export { FirestoreDeadlineExceeded } from "./firestore-errors.js";
export { firestoreSettings, DEFAULT_DATABASE } from "./firestore-settings.js";
export { DEFAULT_DEADLINE_MS, type FirestoreStoreOptions } from "./store-options.js";
export { firestoreDocuments } from "./documents/firestore-documents.js";
export { collectionIndexes, type CompositeIndex, type FieldOverride } from "./documents/collection-indexes.js";
export { CollectionKeyMismatch, DECLARATIONS } from "./documents/declared-collections.js";
export { DOCUMENT_FIELDS } from "./documents/stored-document.js";
export { documentId } from "./documents/document-id.js";
