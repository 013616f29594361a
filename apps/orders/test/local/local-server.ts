import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalApp } from "@skyport/local";
import type { Env } from "@skyport/core";
import app from "../../src/app.js";
import { TOKENS } from "../../src/container.js";
import localWiring from "../../src/local.js";

/** The order app as `npm start` runs it (the local runtime with the local wiring), from the sources. */
export async function startLocalServer(env: Env, logs: { logWrite?: (line: string) => void } = {}) {
  // A queue file of its own unless the test names one: no two servers share .data/queues.db.
  const queues = env.SKYPORT_QUEUE_PATH ? undefined : mkdtempSync(join(tmpdir(), "skyport-queues-"));
  const removeQueues = () => queues && rmSync(queues, { recursive: true, force: true });
  const settings = queues ? { ...env, SKYPORT_QUEUE_PATH: join(queues, "queues.db") } : env;
  let instance: ReturnType<typeof localWiring> | undefined;
  const local = await startLocalApp(app, (e, platform) => (instance = localWiring(e, platform, logs)), settings).catch((error: unknown) => {
    removeQueues();
    throw error;
  });
  const store = env.SKYPORT_STORE ?? "sqlite";
  return {
    url: local.url!,
    /** The SQLite file, when SKYPORT_STORE=sqlite. */
    databasePath: store === "sqlite" ? env.SKYPORT_SQLITE_PATH : undefined,
    /** The stores the server itself uses (whichever SKYPORT_STORE names), for tests to seed and inspect. */
    stores: () => instance!.container.getAsync(TOKENS.stores),
    queue: local.queue("orders"),
    /** Every committed change handed to the outbox function, and the queue drained after it. */
    settle: local.settle,
    cleanup: async () => void (await local.run("cleanup")),
    close: async () => {
      await local.close();
      removeQueues();
    },
  };
}
