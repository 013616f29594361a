import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { envReader, memoryStores, type Env } from "@skyport/core";
import { DEFAULT_SQLITE_PATH, sqliteStores } from "@skyport/sqlite";
import { TOKENS, lazyOrderService } from "../container.js";
import { orderHttpServer } from "./http-server.js";
import { InProcessQueue } from "./in-process-queue.js";

export interface LocalServer {
  url: string;
  /** The SQLite file, when SKYPORT_STORE=sqlite. */
  databasePath?: string;
  queue: InProcessQueue;
  /** Runs the scheduled cleanup now. */
  cleanup(): Promise<void>;
  /** Stops accepting, finishes requests in flight, drains the queue, closes the store. */
  close(): Promise<void>;
}

/** The order service on one machine: SQLite, the queue in process, the cleanup on a timer. */
export async function startLocalServer(env: Env, options: { logWrite?: (line: string) => void } = {}): Promise<LocalServer> {
  const read = envReader(env);
  const port = read.integer("PORT", 0, 65_535, 3000);
  const host = read.string("SKYPORT_HOST", "127.0.0.1");
  const cleanupEverySeconds = read.integer("SKYPORT_CLEANUP_INTERVAL_SECONDS", 1, 86_400 * 7, 3600);

  const instance = lazyOrderService({
    cloud: "local",
    env,
    defaultStore: "sqlite",
    stores: { sqlite: sqliteStores, memory: memoryStores },
    events: () => queue,
    logWrite: options.logWrite,
  });
  const { logger } = instance;
  const queue = new InProcessQueue(logger);
  const service = await instance.service();
  const stores = await instance.container.getAsync(TOKENS.stores);
  queue.attach((messages) => service.queue(messages, { requestId: messages[0]!.id, cloud: "local", logger }));

  const server = orderHttpServer(instance.service, logger);
  server.listen(port, host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;

  const cleanup = async () => {
    await service.cleanup({ scheduledAt: new Date() }, { requestId: `cleanup-${Date.now()}`, cloud: "local", logger });
  };
  const timer = setInterval(() => cleanup().catch((error) => logger.error("cleanup failed", { error: String(error) })), cleanupEverySeconds * 1000);
  timer.unref();
  logger.info("listening", { url });

  return {
    url,
    databasePath: instance.container.get(TOKENS.config).store === "sqlite" ? read.string("SKYPORT_SQLITE_PATH", DEFAULT_SQLITE_PATH) : undefined,
    queue,
    cleanup,
    async close() {
      clearInterval(timer);
      const closed = once(server, "close");
      server.close();
      server.closeIdleConnections();
      await closed;
      await queue.drain();
      await stores.close();
      logger.info("stopped");
    },
  };
}
