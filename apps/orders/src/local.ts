import { memoryStores, type Env, type Platform } from "@skyport/core";
import { sqliteStores } from "@skyport/sqlite";
import { orderInstance, type EntryOptions } from "./container.js";
import { ordersQueue } from "./events.js";

/** The order services on one machine: SQLite (or memory), and the local server's own orders queue. */
export default function localWiring(env: Env, platform: Platform, logs: Pick<EntryOptions, "logWrite"> = {}) {
  const queue = ordersQueue({ ...env, SKYPORT_TOPIC_ORDERS: "in-process" }, platform, "sqlite");
  return orderInstance({
    cloud: "local",
    env,
    defaultStore: "sqlite",
    stores: { sqlite: sqliteStores, memory: memoryStores },
    events: (_env, logger) => queue(logger),
    ...logs,
  });
}
