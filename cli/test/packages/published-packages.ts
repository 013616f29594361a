import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { frameworkPackageDirs, type Manifest, manifestOf } from "../../../scripts/framework-packages.mjs";

/** A published framework package: its folder in the repository and its manifest. */
export interface PublishedPackage {
  dir: string;
  manifest: Manifest;
}

/** The framework packages (scripts/framework-packages.mjs), each with its manifest. */
export const frameworkPackages = (): PublishedPackage[] => frameworkPackageDirs().map((dir) => ({ dir, manifest: manifestOf(dir) }));

/** Fails naming the command to run when a package has no dist/: these tests read what `npm run build` wrote (npm test's pretest). */
export function assertBuilt({ dir, manifest }: PublishedPackage): void {
  if (!existsSync(join(dir, "dist"))) throw new Error(`${manifest.name} has no dist/: run npm run build first`);
}

/** The package as npm publishes it: the tarball `npm pack` writes into `destination` (its files, its built dist/). */
export function packed({ dir }: PublishedPackage, destination: string): string {
  const [{ filename }] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], { cwd: dir, encoding: "utf8" }),
  ) as [{ filename: string }];
  return join(destination, filename);
}
