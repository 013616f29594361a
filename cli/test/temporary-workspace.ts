import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository this test runs in: its tsconfig and node_modules serve the temporary workspaces. */
export const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The skyport command, as `npx skyport` runs it. */
export const SKYPORT_BIN = join(REPOSITORY, "cli/bin/skyport.mjs");

/** A workspace of its own in a temporary folder: apps/*, the repository's tsconfig and node_modules. */
export function temporaryWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), "skyport-new-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "workspace", private: true, type: "module", workspaces: ["apps/*"] }));
  copyFileSync(join(REPOSITORY, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  symlinkSync(join(REPOSITORY, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}
