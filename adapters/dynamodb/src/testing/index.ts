export { startDynamoDbLocal, type DynamoDbLocal } from "./emulator.js";
export { dynamoDbLocalClient, dynamoDbLocalEnv, ensureLocalCollections, prefixedTables } from "./local-client.js";
export { storedItemOf, ttlExpiryOf } from "./stored-items.js";
export { dynamoDbStreamReader, type StreamRecord } from "./stream-records.js";
