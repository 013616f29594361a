import { bundle } from "./common.mjs";

/** `npm start` runs this bundle: the local server, with better-sqlite3 (native) left in node_modules. */
export default async function buildLocal() {
  await bundle({ entry: "src/local/main.ts", outfile: "local/server.mjs", target: "node20", external: ["better-sqlite3"] });
}
