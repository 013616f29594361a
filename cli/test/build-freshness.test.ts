import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const skyport = join(repo, "cli/bin/skyport.mjs");
const run = promisify(execFile);
const MESSAGE = "must be 1-64 letters, spaces, dots, apostrophes or hyphens";

/** A workspace of its own (apps/*, a lockfile, the repository's node_modules) holding apps/demo from the template. */
async function workspaceWithApp(): Promise<{ root: string; appDir: string }> {
  const root = mkdtempSync(join(tmpdir(), "skyport-freshness-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "workspace", private: true, type: "module", workspaces: ["apps/*"] }));
  writeFileSync(join(root, "package-lock.json"), JSON.stringify({ name: "workspace", lockfileVersion: 3, packages: {} }));
  copyFileSync(join(repo, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"), "dir");
  await run(process.execPath, [skyport, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
  return { root, appDir: join(root, "apps/demo") };
}

/** Writes `text` to `file` and gives it back the mtime it had (or `mtime`), as an edit in the same second or a restore by git. */
function rewriteKeepingTime(file: string, text: string, mtime = statSync(file).mtime) {
  expect(text, `${file} is edited`).not.toBe(readFileSync(file, "utf8"));
  writeFileSync(file, text);
  utimesSync(file, mtime, mtime);
}

describe("skyport build local: a target is rebuilt when an input's content changed, whatever the file times say", () => {
  let root: string;
  let appDir: string;
  let schemas: string;
  const buildLocal = async () => (await run(process.execPath, [skyport, "build", "local"], { cwd: appDir })).stdout;
  const server = () => readFileSync(join(appDir, "dist/local/server.mjs"), "utf8");
  const built = /built demo for local in \d+ ms/;
  const upToDate = "demo for local is up to date";

  beforeAll(async () => {
    ({ root, appDir } = await workspaceWithApp());
    schemas = join(appDir, "src/note-schemas.ts"); // where the template keeps MESSAGE
    expect(await buildLocal()).toMatch(built);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("does not rebuild an unchanged tree, even when every file's time is newer than the build", async () => {
    expect(await buildLocal()).toContain(upToDate);
    const later = new Date(Date.now() + 60_000);
    utimesSync(schemas, later, later);
    utimesSync(join(root, "package-lock.json"), later, later);
    expect(await buildLocal()).toContain(upToDate);
  });

  it("rebuilds after an edit that kept the file's mtime (saved within the second of the build)", async () => {
    rewriteKeepingTime(schemas, readFileSync(schemas, "utf8").replace(MESSAGE, `${MESSAGE} (same second)`));
    expect(await buildLocal()).toMatch(built);
    expect(server()).toContain(`${MESSAGE} (same second)`);
    expect(await buildLocal()).toContain(upToDate);
  });

  it("rebuilds when a file comes back with changed content and an mtime older than the build (git restoring it)", async () => {
    const lastYear = new Date(Date.now() - 365 * 24 * 3600_000);
    rewriteKeepingTime(schemas, readFileSync(schemas, "utf8").replace(`${MESSAGE} (same second)`, MESSAGE), lastYear);
    expect(await buildLocal()).toMatch(built);
    expect(server()).not.toContain("(same second)");
    expect(await buildLocal()).toContain(upToDate);
  });

  it("rebuilds when package-lock.json or the app's package.json changed, their mtimes kept", async () => {
    const lockfile = join(root, "package-lock.json");
    rewriteKeepingTime(lockfile, JSON.stringify({ name: "workspace", lockfileVersion: 3, packages: { "": { name: "workspace" } } }));
    expect(await buildLocal()).toMatch(built);
    expect(await buildLocal()).toContain(upToDate);

    const manifest = join(appDir, "package.json");
    rewriteKeepingTime(manifest, readFileSync(manifest, "utf8").replace('"version": "0.1.0"', '"version": "0.1.1"'));
    expect(await buildLocal()).toMatch(built);
    expect(await buildLocal()).toContain(upToDate);
  });
});
