import { join } from "node:path";
import { frameworkPackageDirs, manifestOf } from "../../scripts/framework-packages.mjs";

export const REPO = join(import.meta.dirname, "../..");

/**
 * The framework packages (scripts/framework-packages.mjs), each with its folder and its entries: the
 * TypeScript source behind each `exports` path, through the monorepo's `@skyport/source` condition.
 */
export function publishedPackages() {
  return frameworkPackageDirs().map((dir) => {
    const manifest = manifestOf(dir);
    return {
      name: manifest.name,
      folder: dir.slice(REPO.length + 1),
      entries: Object.entries(manifest.exports ?? {})
        .map(([path, target]) => ({
          specifier: path === "." ? manifest.name : `${manifest.name}/${path.replace(/^\.\//, "")}`,
          source: typeof target === "string" ? target : target["@skyport/source"],
        }))
        .filter((entry) => typeof entry.source === "string" && entry.source.endsWith(".ts"))
        .map((entry) => ({ ...entry, source: join(dir, entry.source) })),
    };
  });
}
