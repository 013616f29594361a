import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const REPO = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The folders the root package.json's workspaces name (`adapters/*` expanded). */
function workspaceFolders() {
  const { workspaces } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(REPO, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
}

/**
 * The packages a registry serves (not `private`), each with its folder and its entries: the TypeScript
 * source behind each `exports` path, through the monorepo's `@skyport/source` condition.
 */
export function publishedPackages() {
  return workspaceFolders()
    .filter((folder) => existsSync(join(REPO, folder, "package.json")))
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(REPO, folder, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private && manifest.exports)
    .map(({ folder, manifest }) => ({
      name: manifest.name,
      folder,
      entries: Object.entries(manifest.exports)
        .map(([path, target]) => ({
          specifier: path === "." ? manifest.name : `${manifest.name}/${path.replace(/^\.\//, "")}`,
          source: typeof target === "string" ? target : target["@skyport/source"],
        }))
        .filter((entry) => typeof entry.source === "string" && entry.source.endsWith(".ts"))
        .map((entry) => ({ ...entry, source: join(REPO, folder, entry.source) })),
    }));
}
