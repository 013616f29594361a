export { startCosmosServer, emulatorAgent, type CosmosServer } from "./emulator.js";
export { emulatorClient, emulatorEnv, type CosmosServerAddress } from "./emulator-client.js";
export { storedItemOf, ttlExpiryOf } from "./stored-items.js";
