import { startLocalApp } from "@skyport/local";
import type { Env } from "@skyport/core";
import app from "../../src/app.js";
import localWiring from "../../src/local.js";

/** The order app as `npm start` runs it (the local runtime with the local wiring), from the sources. */
export async function startLocalServer(env: Env, logs: { logWrite?: (line: string) => void } = {}) {
  const local = await startLocalApp(app, (e, platform) => localWiring(e, platform, logs), env);
  const store = env.SKYPORT_STORE ?? "sqlite";
  return {
    url: local.url!,
    /** The SQLite file, when SKYPORT_STORE=sqlite. */
    databasePath: store === "sqlite" ? env.SKYPORT_SQLITE_PATH : undefined,
    queue: local.queue("orders"),
    cleanup: async () => void (await local.run("cleanup")),
    close: local.close,
  };
}
