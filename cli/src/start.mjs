import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "./build.mjs";

/**
 * `skyport start` in an app's folder: builds the local server if a source changed since its last
 * build, then runs it in this process, so SIGTERM and SIGINT reach it with no process between.
 * The app's folder is the working directory: its `.data/` (SQLite, queue file, dead letters,
 * bucket) is the one `skyport invoke`, `put-records` and `dead-letters` use there too.
 */
export async function start(appDir) {
  process.chdir(appDir);
  await build(appDir, ["local"]);
  await import(pathToFileURL(join(appDir, "dist/local/server.mjs")).href);
}
