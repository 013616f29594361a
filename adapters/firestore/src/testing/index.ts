export { startFirestoreEmulator, firestoreEmulatorLauncher, FirestoreEmulatorMissing, type FirestoreEmulator } from "./emulator.js";
export { storedFieldsOf, ttlExpiryOf } from "./stored-documents.js";
