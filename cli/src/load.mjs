import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { CONDITIONS } from "./conditions.mjs";

/**
 * Imports TypeScript entry code from the app's folder in this process: bundled to a temporary
 * file first (workspace packages export their TypeScript sources), native modules left to node.
 */
export async function loadModule(appDir, contents, external = ["better-sqlite3", "@google-cloud/functions-framework"]) {
  // Inside the app's folder, so that what stays external resolves from its node_modules.
  await mkdir(join(appDir, "dist"), { recursive: true });
  const dir = await mkdtemp(join(appDir, "dist", ".load-"));
  const outfile = join(dir, "module.mjs");
  try {
    await esbuild.build({
      stdin: { contents, resolveDir: appDir, sourcefile: "load.entry.ts", loader: "ts" },
      outfile,
      bundle: true,
      platform: "node",
      conditions: CONDITIONS,
      format: "esm",
      target: "node20",
      external,
      define: { __dirname: "import.meta.dirname", __filename: "import.meta.filename" },
      banner: { js: "import { createRequire as __skyportRequire } from 'node:module'; const require = __skyportRequire(import.meta.url);" },
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The app's declaration (src/app.ts) with each cloud's schedule syntax, as the build checks it, and what compiles its routes' schemas. */
export function loadDeclaration(appDir) {
  return loadModule(
    appDir,
    `export { default as app } from "./src/app.ts";
     export { eventBridgeSchedule } from "@skyport/aws-lambda/schedule";
     export { cloudSchedulerSchedule } from "@skyport/gcp-functions/schedule";
     export { ncrontabSchedule } from "@skyport/azure-functions/schedule";
     export { routeSchemas } from "@skyport/core";
     export { validatorsModuleSource } from "@skyport/core/schemas";`,
  );
}
