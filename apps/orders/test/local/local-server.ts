import { startLocalApp } from "@skyport/local";
import type { Env } from "@skyport/core";
import app from "../../src/app.js";
import { TOKENS } from "../../src/container.js";
import localWiring from "../../src/local.js";

/** The order app as `npm start` runs it (the local runtime with the local wiring), from the sources. */
export async function startLocalServer(env: Env, logs: { logWrite?: (line: string) => void } = {}) {
  let instance: ReturnType<typeof localWiring> | undefined;
  const local = await startLocalApp(app, (e, platform) => (instance = localWiring(e, platform, logs)), env);
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
    close: local.close,
  };
}
