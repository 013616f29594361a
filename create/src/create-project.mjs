import { existsSync } from "node:fs";
import { cp, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The project template, cli/template made standalone when this package was packed (scripts/pack-template.mjs). */
export const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "../dist/template");
/** The rule defineApp applies: the name is also a folder, a package name and a cloud resource prefix. */
export const APP_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/**
 * `npm create skyport <name>`: a project of its own in `<cwd>/<name>`, outside any Skyport
 * repository: src/app.ts (an HTTP function that keeps notes in a collection, a queue consumer, a
 * schedule), its three deploy templates, its tests, a README and a .gitignore, its package.json on
 * the published @skyport packages. Refuses a bad name and a folder that exists with files in it.
 */
export async function createProject(cwd, args) {
  const [name] = args;
  if (!name || !APP_NAME.test(name))
    throw new Error(
      `name the project: 2-32 characters of a-z, 0-9 and -, starting with a letter (npm create skyport my-app); got ${JSON.stringify(name ?? "")}`,
    );
  const projectDir = join(cwd, name);
  if (existsSync(projectDir) && (await readdir(projectDir)).length > 0)
    throw new Error(`${name} exists and is not empty: name a new folder, or empty this one`);
  if (!existsSync(TEMPLATE)) throw new Error(`this create-skyport has no template at ${TEMPLATE}: it was not packed (npm pack runs its prepack)`);

  await cp(TEMPLATE, projectDir, { recursive: true });
  for (const file of await listFiles(projectDir)) {
    const text = await readFile(file, "utf8");
    if (text.includes("__NAME__")) await writeFile(file, text.replaceAll("__NAME__", name));
  }
  // npm leaves a package's .gitignore out of its tarball: the template carries it as gitignore.
  await rename(join(projectDir, "gitignore"), join(projectDir, ".gitignore"));
  const at = relative(process.cwd(), projectDir) || ".";
  return `created ${at}: src/app.ts declares its functions; deploy/ holds their templates for AWS, Google Cloud and Azure.
next:
  cd ${at}
  npm install
  npm run build    # dist/aws/<function>/, dist/gcp/<function>/, dist/azure/, dist/local/
  npm test
  npm run dev      # the local server (GET /health, /hello, /notes) on PORT, else 3000, rebuilt on change`;
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
