export { startDynamoDbLocal, type DynamoDbLocal } from "./emulator.js";
export { createOrdersTable } from "./orders-table.js";
export { dynamoDbLocalClient, dynamoDbLocalEnv } from "./local-client.js";
export { idempotencyRecordsIn } from "./idempotency-records.js";
export { dynamoDbStreamReader, type StreamRecord } from "./stream-records.js";
