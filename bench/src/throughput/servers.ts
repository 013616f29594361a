import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, connect } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ORDERS_DIST, REPO } from "../bundles/deployed-bundles.js";

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");
  return port;
}

async function accepting(port: number, child: ChildProcess, deadline = Date.now() + 15_000): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on ${port} within 15 s`);
}

/**
 * A server in a process of its own (the load generator has the other core), on a fresh SQLite file; `nodeArgs` go to its
 * node (npm run profile:local's --cpu-prof).
 */
async function start(name: string, script: string, env: Record<string, string>, nodeArgs: string[]): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "skyport-bench-"));
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      SKYPORT_STORE: "sqlite",
      SKYPORT_SQLITE_PATH: join(dir, "orders.db"),
      SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await accepting(port, child);
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

/** `npm start`'s server, as built; its per-request log line is off (warn), as it is for the raw server, which has none. */
export const skyportLocalServer = (nodeArgs: string[] = []) =>
  start("Skyport local server", join(ORDERS_DIST, "local/server.mjs"), { SKYPORT_LOG_LEVEL: "warn" }, nodeArgs);
export const rawNodeServer = (nodeArgs: string[] = []) => start("raw node:http", join(REPO, "bench/dist/raw-server.mjs"), {}, nodeArgs);
