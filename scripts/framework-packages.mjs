import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The package.json of a folder. */
export const manifestOf = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** The framework packages' folders: the root's @skyport/* workspaces that are not private (create-skyport is the starter's). */
export function frameworkPackageDirs() {
  return manifestOf(REPOSITORY)
    .workspaces.flatMap((pattern) =>
      pattern.endsWith("/*")
        ? readdirSync(join(REPOSITORY, pattern.slice(0, -2))).map((name) => join(REPOSITORY, pattern.slice(0, -2), name))
        : [join(REPOSITORY, pattern)],
    )
    .filter((dir) => existsSync(join(dir, "package.json")))
    .filter((dir) => {
      const manifest = manifestOf(dir);
      return manifest.name.startsWith("@skyport/") && !manifest.private;
    });
}
