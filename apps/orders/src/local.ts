import { Agent } from "node:https";
import { ensuredDocuments, idempotencyCollection, MEMORY_STORE, memoryDocuments, readAll, type Env, type EventPublisher, type Platform } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { COSMOS_STORE, readCosmosSettings } from "@skyport/cosmos/settings";
import { DYNAMODB_STORE, readDynamoDbSettings } from "@skyport/dynamodb/settings";
import { FIRESTORE_STORE, readFirestoreSettings } from "@skyport/firestore/settings";
import { SQLITE_STORE } from "@skyport/sqlite/settings";
import { lazyStore, orderInstance, type EntryOptions, type StoreLoaders } from "./container.js";
import { ordersQueue } from "./events.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Every store, with the variables each cloud uses (AWS_ENDPOINT_URL_DYNAMODB, FIRESTORE_EMULATOR_HOST,
 * SKYPORT_COSMOS_ENDPOINT + SKYPORT_COSMOS_KEY): the chosen store's SDK is imported at start, no other.
 */
export const LOCAL_STORES: StoreLoaders = {
  // The file and the order service's collections in it, made at open: a file that cannot be opened fails the start.
  [SQLITE_STORE]: lazyStore(
    () => {},
    () => import("@skyport/sqlite").then((m) => (env: Env) => ensuredDocuments(m.sqliteDocuments(env), [ordersCollection, idempotencyCollection])),
  ),
  [MEMORY_STORE]: () => memoryDocuments(),
  // With the collections' tables' streams as the change feed that the local server's changes functions read; their tables checked at start.
  [DYNAMODB_STORE]: lazyStore(
    (env) => readDynamoDbSettings(env, [ordersCollection, idempotencyCollection]),
    () => import("@skyport/dynamodb/changes").then((m) => m.dynamoDbDocumentsWithChanges),
  ),
  // Where its collections live (SKYPORT_COLLECTION_ORDERS, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS) checked at start too.
  [FIRESTORE_STORE]: lazyStore(
    (env) => readFirestoreSettings(env, [ordersCollection, idempotencyCollection]),
    () => import("@skyport/firestore").then((m) => (env: Env) => m.firestoreDocuments(env)),
  ),
  [COSMOS_STORE]: lazyStore(readCosmosSettings, () =>
    import("@skyport/cosmos").then(({ cosmosDocuments }) => (env: Env) => {
      // A Cosmos emulator on this machine serves a self-signed certificate; any other endpoint is verified.
      const local = LOOPBACK.has(new URL(readCosmosSettings(env).endpoint).hostname);
      return cosmosDocuments(env, local ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) } : {});
    }),
  ),
};

/** The order services on one machine: SQLite by default (or any store above), and the local server's own orders queue. */
export default function localWiring(env: Env, platform: Platform, logs: Pick<EntryOptions, "logWrite"> = {}) {
  // Read together, so that one start names every wrong variable of both.
  const [queue, instance] = readAll(
    () => ordersQueue({ ...env, SKYPORT_TOPIC_ORDERS: "in-process" }, platform, SQLITE_STORE),
    () =>
      orderInstance({
        cloud: "local",
        env,
        served: platform.served,
        defaultStore: SQLITE_STORE,
        stores: LOCAL_STORES,
        events: (_env, logger): EventPublisher => queue(logger),
        redis: () => import("@skyport/redis").then((m) => m.redisCache),
        ...logs,
      }),
  );
  return instance;
}
