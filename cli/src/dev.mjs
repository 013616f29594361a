import { spawn } from "node:child_process";
import { cp, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { watch } from "chokidar";
import { build } from "./build.mjs";
import { InputHashes } from "./input-hashes.mjs";

/** Edits arrive in bursts (a save, a checkout): one build after the last of them. */
const SETTLE_MS = 150;

/**
 * `skyport dev` in an app's folder: the local server (`skyport start`'s, with this process's
 * variables and the app's folder as its working directory, so the same `.data/`), rebuilt when a
 * file its bundle read changes, and restarted when the bundle is another build (this one's, or a
 * `skyport build` run beside it). It watches the folders of those files with chokidar, which keeps
 * a file replaced by rename (an editor's safe write, a git checkout) where Node 20's recursive
 * fs.watch loses it.
 *
 * A restart sends the running server SIGTERM and waits for it to exit: requests in flight are
 * answered and the store closed; a connection made between its exit and the new server listening
 * is refused (ECONNREFUSED), never accepted and dropped. A build that fails keeps the old server.
 */
export async function dev(appDir) {
  process.chdir(appDir);
  const bundle = join(appDir, "dist/local/server.mjs");
  const runs = join(appDir, "dist/dev");
  await rm(runs, { recursive: true, force: true });
  let started = 0;
  const inputs = new InputHashes(appDir, join(appDir, "dist"), []);
  let sources = new Set();
  let watcher;
  let child;
  let childBundle; // the mtime of the bundle the running server was copied from
  let stopping = false;

  /** The folders of every file the last build read outside node_modules, and the app's own folder and src/. */
  async function watchedFolders() {
    const files = (await inputs.files(join(appDir, "dist/meta/local.json"))).filter((path) => !path.split(/[\\/]/).includes("node_modules"));
    sources = new Set([...files, join(appDir, "package.json")]);
    return [...new Set([appDir, join(appDir, "src"), ...files.map((path) => dirname(path))])];
  }

  /** Runs a copy of the bundle (dist/dev/<n>/): a build that follows never removes the chunks the running server loads later. */
  async function startServer(built) {
    const copy = join(runs, String(++started));
    await cp(dirname(bundle), copy, { recursive: true });
    const running = spawn(process.execPath, [join(copy, "server.mjs")], { cwd: appDir, env: process.env, stdio: "inherit" });
    child = running;
    childBundle = built;
    running.once("exit", (code, signal) => {
      rm(copy, { recursive: true, force: true }).catch(() => {});
      // Not stopped by us: it failed to start (a port in use, a wrong variable) or crashed; a change starts it again.
      if (child === running && !stopping) console.log(`[dev] the server exited (${signal ?? code}); waiting for a change`);
    });
  }

  function stopServer() {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      running.once("exit", resolve);
      running.kill("SIGTERM"); // it answers the requests in flight and closes the store
    });
  }

  /** Serves the bundle in dist/local when it is another build than the running server's (this process's, or a `skyport build` beside it), or when none runs. */
  async function serveLatest() {
    const built = await stat(bundle).then(
      (file) => file.mtimeMs,
      () => undefined,
    );
    if (built === undefined || stopping) return;
    const running = child && child.exitCode === null && child.signalCode === null;
    if (running && built === childBundle) return;
    if (running) console.log("[dev] restarting the server");
    await stopServer();
    if (!stopping) await startServer(built).catch((error) => console.error(`[dev] could not start the server: ${error.message}; waiting for a change`));
  }

  /** Builds, then serves what it built; a build that fails keeps the running server. */
  async function rebuild() {
    try {
      await build(appDir, ["local"]);
      watcher.add(await watchedFolders());
    } catch (error) {
      console.error(`[dev] skyport build: ${error instanceof Error ? error.message : String(error)}`);
      console.error(child ? "[dev] the server keeps running the last build; waiting for a change" : "[dev] waiting for a change");
      return;
    }
    await serveLatest();
  }

  // One task at a time, each once per burst of events: a build after a source changed, a restart after the bundle did.
  const timers = new Map();
  let queue = Promise.resolve();
  const soon = (task) => {
    clearTimeout(timers.get(task));
    timers.set(
      task,
      setTimeout(() => (queue = queue.then(task)), SETTLE_MS),
    );
  };
  watcher = watch([...(await watchedFolders()), bundle], { ignoreInitial: true, depth: 0 });
  await new Promise((resolve) => watcher.once("ready", resolve));
  watcher.on("all", (_event, path) => {
    if (path === bundle) soon(serveLatest);
    else if (sources.has(path) || dirname(path) === join(appDir, "src")) soon(rebuild);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      stopping = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all([stopServer(), watcher.close()]);
      process.exit(0);
    });
  }
  await rebuild();
}
