import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPOSITORY } from "../temporary-workspace.js";

/** The fields of a package.json these tests read. */
export interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, unknown>;
}

/** A published framework package: its folder in the repository and its manifest. */
export interface PublishedPackage {
  dir: string;
  manifest: Manifest;
}

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/** The framework packages: every @skyport/* workspace of the root that is not private (create-skyport is the starter's). */
export function frameworkPackages(): PublishedPackage[] {
  const { workspaces } = JSON.parse(readFileSync(join(REPOSITORY, "package.json"), "utf8")) as { workspaces: string[] };
  return workspaces
    .flatMap((pattern) =>
      pattern.endsWith("/*")
        ? readdirSync(join(REPOSITORY, pattern.slice(0, -2))).map((name) => join(REPOSITORY, pattern.slice(0, -2), name))
        : [join(REPOSITORY, pattern)],
    )
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: manifestOf(dir) }))
    .filter(({ manifest }) => manifest.name.startsWith("@skyport/") && !manifest.private);
}

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
