// `npm run dev`: the local server, restarted on every source change. A change under core/,
// adapters/ or apps/orders/src rebuilds dist/local/server.mjs (skyport build, which skips when
// nothing it bundles changed); a new bundle restarts the server. SIGINT or SIGTERM stops both.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, watch } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "../cli/src/build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const appDir = join(root, "apps/orders");
const server = join(appDir, "dist/local/server.mjs");
// Each package's src/ only: a recursive watch over node_modules would take seconds to set up.
const SOURCES = ["core/src", "apps/orders/src", ...readdirSync(join(root, "adapters")).map((name) => `adapters/${name}/src`)]
  .map((dir) => join(root, dir))
  .filter((dir) => existsSync(dir));

let child;
let stopping = false;

function startServer() {
  const started = spawn(process.execPath, [server], { stdio: "inherit" });
  child = started;
  started.once("exit", (code) => {
    // Not stopped by us: it failed to start or crashed; the next change starts it again.
    if (child === started) console.log(`[dev] the server exited with ${code}; waiting for a change`);
  });
}

function stopServer() {
  const running = child;
  child = undefined;
  if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once("exit", resolve);
    running.kill("SIGTERM"); // it finishes the requests in flight and closes the store
  });
}

/** Runs `task` once per burst of events, never two at a time. */
function debounced(task, ms = 150) {
  let timer;
  let running = Promise.resolve();
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => (running = running.then(task).catch((error) => console.error(`[dev] ${error.message}`))), ms);
  };
}

const rebuild = debounced(() => build(appDir, ["local"]));
const restart = debounced(async () => {
  if (stopping || !existsSync(server)) return;
  console.log("[dev] restarting the server");
  await stopServer();
  if (!stopping) startServer();
});

await build(appDir, ["local"]);
startServer();
watch(dirname(server), (_event, file) => file === "server.mjs" && restart());
// The build removes dist/local before writing it again: watch its parent for the new folder.
watch(dirname(dirname(server)), (_event, file) => file === "local" && restart());
for (const dir of SOURCES) watch(dir, { recursive: true }, () => rebuild());

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    stopping = true;
    await stopServer();
    process.exit(0);
  });
}
