export { dynamoDbStores } from "./stores.js";
export { DynamoDbOrderStore } from "./order-store.js";
export { DynamoDbIdempotencyStore } from "./idempotency-store.js";
export { MalformedIdempotencyRecord } from "./idempotency-record.js";
export { ORDERS_TABLE, ordersTableDefinition, ordersTableTtl } from "./table.js";
export { readDynamoDbSettings, type DynamoDbSettings } from "./settings.js";
