import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { appDir, bundle, distDir } from "./common.mjs";

/**
 * `dist/azure/` is a deployable Functions app: host.json, a package.json whose `main` is the
 * bundle, and the bundle. `@azure/functions-core` stays external: the worker provides it.
 */
export default async function buildAzure() {
  await bundle({ entry: "src/azure/main.ts", outfile: "azure/main.mjs", target: "node22", external: ["@azure/functions-core"] });
  await copyFile(join(appDir, "src/azure/host.json"), join(distDir, "azure/host.json"));
  const manifest = { name: "skyport-orders-azure", version: "0.1.0", private: true, type: "module", main: "main.mjs" };
  await writeFile(join(distDir, "azure/package.json"), JSON.stringify(manifest, null, 2) + "\n");
}
