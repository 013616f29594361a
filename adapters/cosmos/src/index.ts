export { cosmosStores, type CosmosStoreOptions } from "./stores.js";
export { CosmosOrderStore } from "./order-store.js";
export { CosmosIdempotencyStore } from "./idempotency-store.js";
export { ORDERS_CONTAINER, IDEMPOTENCY_CONTAINER } from "./containers.js";
export { DEFAULT_DATABASE, readCosmosSettings, type CosmosSettings } from "./settings.js";
