import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "../template");
// The rule defineApp applies: the name is also a folder, a package name and a cloud resource prefix.
const APP_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/**
 * `skyport new <name>` at the root of a Skyport workspace: apps/<name>, a small app (one HTTP
 * function that keeps notes in a collection, one queue consumer, one schedule) with its three deploy
 * templates and its tests, and the workspace's lockfile updated with it.
 */
export async function newApp(root, args) {
  const [name] = args;
  if (!name || !APP_NAME.test(name))
    throw new Error(`name the app: 2-32 characters of a-z, 0-9 and -, starting with a letter (npm run new -- my-app); got ${JSON.stringify(name ?? "")}`);
  // The published CLI ships no app template: a project of one's own starts from create-skyport.
  if (!existsSync(TEMPLATE))
    throw new Error(`skyport new adds an app to a checkout of the Skyport repository; for a project of your own: npm create skyport@latest ${name}`);
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8").catch(() => "{}"));
  if (!(manifest.workspaces ?? []).includes("apps/*"))
    throw new Error(`${root} is not a Skyport workspace (its package.json has no "apps/*" workspace): run this at the repository's root`);
  const appDir = join(root, "apps", name);
  if (existsSync(appDir)) throw new Error(`${relative(root, appDir)} exists already`);

  await cp(TEMPLATE, appDir, { recursive: true });
  for (const file of await listFiles(appDir)) {
    const text = await readFile(file, "utf8");
    if (text.includes("__NAME__")) await writeFile(file, text.replaceAll("__NAME__", name));
  }
  await rename(join(appDir, "gitignore"), join(appDir, ".gitignore"));
  const rel = relative(root, appDir);
  console.log(`created ${rel}: src/app.ts declares its functions; deploy/ holds its templates.
${lockWorkspace(root, rel)}
next: npm run build -w ${rel} && npm test -w ${rel}; npm run dev -w ${rel} serves it locally`);
}

/**
 * The workspace's lockfile, with the new app in it, so that `npm ci` (CI, a fresh clone) accepts it:
 * `npm install --package-lock-only`, which writes package-lock.json and installs nothing. When it
 * cannot (no registry for a dependency the lockfile lacks), says the one command to run.
 */
function lockWorkspace(root, rel) {
  if (!existsSync(join(root, "package-lock.json"))) return "no package-lock.json here: nothing to update for npm ci";
  try {
    execFileSync("npm", ["install", "--package-lock-only", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: root, stdio: "pipe" });
    return `package-lock.json: ${rel} added (npm ci accepts it; commit it with the app)`;
  } catch (error) {
    return `package-lock.json could not be updated (${
      String(error.stderr ?? error.message)
        .trim()
        .split("\n")[0]
    }): run npm install at ${root} before npm ci`;
  }
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
