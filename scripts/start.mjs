// `npm start`: builds the local server if a source changed since its last build, then runs it in
// this process. The npm script `exec`s node, so SIGTERM and SIGINT sent to npm reach this process
// (npm forwards them to its child), and the server shuts down cleanly; no shell stays between them.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "../cli/src/build.mjs";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "../apps/orders");
try {
  await build(appDir, ["local"]);
} catch (error) {
  console.error(`skyport build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
await import(pathToFileURL(join(appDir, "dist/local/server.mjs")).href);
