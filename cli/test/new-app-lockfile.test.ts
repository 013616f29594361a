import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY as repo, SKYPORT_BIN } from "./temporary-workspace.js";

const run = promisify(execFile);

/** This repository's manifests and lockfile alone, in a temporary folder: what a fresh clone gives npm ci. */
function manifestsOnly(): string {
  const root = mkdtempSync(join(tmpdir(), "skyport-lockfile-"));
  const { workspaces } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { workspaces: string[] };
  const folders = workspaces.flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(repo, dirname(pattern)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(dirname(pattern), entry.name))
      : [pattern],
  );
  for (const file of ["package.json", "package-lock.json", ...folders.map((folder) => join(folder, "package.json"))]) {
    if (existsSync(join(repo, file))) cpSync(join(repo, file), join(root, file));
  }
  return root;
}

describe("npm run new leaves the workspace installable", () => {
  const root = manifestsOnly();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const ci = () => run("npm", ["ci", "--dry-run", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"], { cwd: root });

  it("npm ci accepts the lockfile after the new app, as it did before", async () => {
    await ci(); // the copy is in sync to begin with
    const { stdout } = await run(process.execPath, [SKYPORT_BIN, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    expect(stdout).toContain("package-lock.json: apps/demo added");
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { name?: string }> };
    expect(lock.packages["apps/demo"]?.name).toBe("@skyport/demo");
    await expect(ci()).resolves.toBeDefined();
  });
});
