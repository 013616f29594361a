// `npm run dev`: the order service's `skyport dev` (apps/orders): its local server, rebuilt when a
// file its bundle reads changes (under core/, adapters/, apps/orders/src) and restarted when the
// bundle changed. SIGINT or SIGTERM stops both.
import { fileURLToPath } from "node:url";
import { dev } from "../cli/src/dev.mjs";

await dev(fileURLToPath(new URL("../apps/orders", import.meta.url)));
