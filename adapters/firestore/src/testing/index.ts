export { startFirestoreEmulator, firestoreEmulatorLauncher, FirestoreEmulatorMissing, type FirestoreEmulator } from "./emulator.js";
export { ttlExpiryOf } from "./ttl.js";
export { idempotencyRecordOf } from "./idempotency-records.js";
