// `npm start`: the order service's `skyport start` (apps/orders: its local server, built if a source
// changed, run in this process, its .data/ in apps/orders). The npm script `exec`s node, so SIGTERM
// and SIGINT sent to npm reach this process and the server shuts down cleanly.
import { fileURLToPath } from "node:url";
import { start } from "../cli/src/start.mjs";

try {
  await start(fileURLToPath(new URL("../apps/orders", import.meta.url)));
} catch (error) {
  console.error(`skyport start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
