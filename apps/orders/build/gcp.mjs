import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { appDir, bundle, distDir } from "./common.mjs";

const FRAMEWORK = "@google-cloud/functions-framework";

/**
 * `dist/gcp/` is what `gcloud functions deploy --source` uploads: the bundle (the three functions,
 * Firestore's and Pub/Sub's SDKs inside it) and a package.json whose only dependency is the
 * functions framework, which the buildpack installs and which runs the bundle.
 */
export default async function buildGcp() {
  await bundle({
    entry: "src/gcp/main.ts",
    outfile: "gcp/index.mjs",
    target: "node22",
    external: [FRAMEWORK],
    // CommonJS inside the SDKs (google-gax) reads __dirname as its modules load; ESM has import.meta instead.
    define: { __dirname: "import.meta.dirname", __filename: "import.meta.filename" },
  });
  const version = await installedVersion(FRAMEWORK);
  const manifest = {
    name: "skyport-orders-gcp",
    version: "0.1.0",
    private: true,
    type: "module",
    main: "index.mjs",
    engines: { node: ">=22" },
    dependencies: { [FRAMEWORK]: `^${version}` },
  };
  await writeFile(join(distDir, "gcp/package.json"), JSON.stringify(manifest, null, 2) + "\n");
  // gcloud uploads the directory minus these: the metafile is for the bundle-content tests only.
  await writeFile(join(distDir, "gcp/.gcloudignore"), ".gcloudignore\nmeta.json\n");
}

/** The version the tests ran against (the package's exports hide its package.json from require). */
async function installedVersion(name) {
  for (let dir = dirname(createRequire(join(appDir, "package.json")).resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8").catch(() => "{}"));
    if (manifest.name === name) return manifest.version;
  }
  throw new Error(`cannot find the installed version of ${name}`);
}
