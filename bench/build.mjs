import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

// `npm run bench` measures the bundles as the sources are now, and runs the harness from bundles
// of its own (Node 20 runs no TypeScript). Nothing is installed: all it uses is in node_modules.
const here = dirname(fileURLToPath(import.meta.url));
execFileSync(process.execPath, [join(here, "../apps/orders/build/index.mjs")], { stdio: "inherit" });

const requireShim = "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);";
/** Loaded from node_modules at run time: the runtime the bundles share with the harness, and native or CLI code. */
const external = ["@google-cloud/functions-framework", "@azure/functions-core", "autocannon", "better-sqlite3", "@google-cloud/pubsub", "@google-cloud/firestore", "vitest"];

const harness = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  banner: { js: requireShim },
  logLevel: "warning",
};

await esbuild.build({ ...harness, entryPoints: { bench: join(here, "src/main.ts") }, outdir: join(here, "dist"), outExtension: { ".js": ".mjs" } });
