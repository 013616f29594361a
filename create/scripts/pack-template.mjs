import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * create-skyport's `prepack`: the project template is the one `skyport new` writes inside the
 * repository (cli/template), copied into dist/template and made standalone: its package.json on the
 * published versions of the @skyport packages, its tsconfig without the repository's base, its
 * README's commands without `-w apps/<name>`.
 */
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");
const REPOSITORY = join(PACKAGE, "..");
const SOURCE = join(REPOSITORY, "cli/template");
const TEMPLATE = join(PACKAGE, "dist/template");
/** What the repository's root gives every workspace and a project of its own must declare: its test runner, compiler and Node types. */
const TOOLS = ["vitest", "typescript", "@types/node"];

const readJson = async (file) => JSON.parse(await readFile(file, "utf8"));
const root = await readJson(join(REPOSITORY, "package.json"));
const workspaces = await workspaceManifests(root.workspaces);
const versions = Object.fromEntries(workspaces.map((manifest) => [manifest.name, manifest.version]));

await rm(TEMPLATE, { recursive: true, force: true });
await cp(SOURCE, TEMPLATE, { recursive: true, filter: (path) => !/[\\/](dist|node_modules|\.data)$/.test(path) });
await writeFile(join(TEMPLATE, "package.json"), `${JSON.stringify(standaloneManifest(await readJson(join(SOURCE, "package.json"))), null, 2)}\n`);
const { compilerOptions } = await readJson(join(REPOSITORY, "tsconfig.base.json"));
const { extends: _base, ...tsconfig } = await readJson(join(SOURCE, "tsconfig.json"));
await writeFile(join(TEMPLATE, "tsconfig.json"), `${JSON.stringify({ compilerOptions, ...tsconfig }, null, 2)}\n`);
const readme = await readFile(join(SOURCE, "README.md"), "utf8");
await writeFile(join(TEMPLATE, "README.md"), readme.replaceAll(" -w apps/__NAME__", ""));
console.log(`create-skyport: dist/template from cli/template, @skyport/* at ${[...new Set(Object.values(versions))].join(", ")}`);

/**
 * The template's manifest for a project of its own: named __NAME__, each @skyport package at the
 * version this repository publishes, the Node versions @skyport/core declares, the root's tools.
 */
function standaloneManifest(manifest) {
  const pin = (deps = {}) =>
    Object.fromEntries(
      Object.entries(deps).map(([name, range]) => {
        if (!name.startsWith("@skyport/")) return [name, range];
        if (!versions[name]) throw new Error(`cli/template depends on ${name}, which no workspace of this repository is`);
        return [name, `^${versions[name]}`];
      }),
    );
  const tools = Object.fromEntries(TOOLS.map((name) => [name, root.devDependencies[name]]));
  return {
    ...manifest,
    name: "__NAME__",
    engines: workspaces.find((workspace) => workspace.name === "@skyport/core").engines,
    dependencies: pin(manifest.dependencies),
    devDependencies: { ...pin(manifest.devDependencies), ...tools },
  };
}

/** Each workspace's package.json, from the root's workspaces ("dir" or "dir/*"). */
async function workspaceManifests(patterns) {
  const dirs = [];
  for (const pattern of patterns) {
    if (!pattern.endsWith("/*")) dirs.push(join(REPOSITORY, pattern));
    else {
      const parent = join(REPOSITORY, pattern.slice(0, -2));
      for (const entry of await readdir(parent, { withFileTypes: true })) if (entry.isDirectory()) dirs.push(join(parent, entry.name));
    }
  }
  const manifests = await Promise.all(dirs.map((dir) => readJson(join(dir, "package.json")).catch(() => undefined)));
  return manifests.filter(Boolean);
}
