export { startCosmosServer, emulatorAgent, type CosmosServer } from "./emulator.js";
export { createCosmosContainers, emulatorClient, ttlExpiryOf, type CosmosServerAddress } from "./containers.js";
export { idempotencyRecordOf } from "./idempotency-records.js";
