import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY as repo, temporaryWorkspace } from "./temporary-workspace.js";

const run = promisify(execFile);

describe("npm run new -- demo, then its build and tests, with no change to any adapter", () => {
  const root = temporaryWorkspace();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const npm = (...args: string[]) =>
    run("npm", args, { cwd: root, env: { ...process.env, INIT_CWD: root, NO_COLOR: "1", FORCE_COLOR: "0" }, maxBuffer: 16 * 1024 * 1024 });

  it("creates apps/demo from the template, named throughout", async () => {
    await run(process.execPath, [join(repo, "cli/bin/skyport.mjs"), "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    expect(readFileSync(join(root, "apps/demo/src/app.ts"), "utf8")).toContain('name: "demo"');
    expect(readFileSync(join(root, "apps/demo/package.json"), "utf8")).toContain('"name": "@skyport/demo"');
    expect(existsSync(join(root, "apps/demo/.gitignore"))).toBe(true);
    await expect(
      run(process.execPath, [join(repo, "cli/bin/skyport.mjs"), "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } }),
    ).rejects.toThrow(/apps\/demo exists already/);
    await expect(
      run(process.execPath, [join(repo, "cli/bin/skyport.mjs"), "new", "Demo_App"], { cwd: root, env: { ...process.env, INIT_CWD: root } }),
    ).rejects.toThrow(/2-32 characters/);
  });

  it("npm run build -w apps/demo writes its bundles for AWS, Google Cloud and Azure", async () => {
    await npm("run", "build", "-w", "apps/demo");
    const perFunction = ["aws", "gcp"].flatMap((cloud) => ["api", "work", "tick"].map((fn) => `${cloud}/${fn}/index.mjs`));
    for (const file of [...perFunction, "azure/main.mjs", "local/server.mjs"]) {
      expect(existsSync(join(root, "apps/demo/dist", file)), file).toBe(true);
    }
    // Each Lambda and Google Cloud bundle carries its own function's handler only: greet's rule is in api's alone.
    const carries = (cloud: string) => (fn: string) =>
      readFileSync(join(root, "apps/demo/dist", cloud, fn, "index.mjs"), "utf8").includes("1-64 letters, spaces");
    expect(["api", "work", "tick"].map(carries("aws"))).toEqual([true, false, false]);
    expect(["api", "work", "tick"].map(carries("gcp"))).toEqual([true, false, false]);
    // Built from unchanged sources, the function bundles (their served app is generated, not a file) are not built again.
    const again = await run(process.execPath, [join(repo, "cli/bin/skyport.mjs"), "build", "aws", "gcp"], { cwd: join(root, "apps/demo") });
    expect(again.stdout).toContain("demo for aws is up to date");
    expect(again.stdout).toContain("demo for gcp is up to date");
  });

  it("npm test -w apps/demo passes", async () => {
    const { stdout } = await npm("test", "-w", "apps/demo");
    // 33, then the notes with the cache on (7) and test/cache.test.ts (7).
    expect(stdout).toMatch(/Tests\s+47 passed \(47\)/);
  });

  it("npm run typecheck -w apps/demo passes: its tests call the api through the typed client skyport client wrote", async () => {
    await npm("run", "typecheck", "-w", "apps/demo");
  }, 300_000);

  it("its deploy script passes shellcheck", async () => {
    await run("shellcheck", [join(root, "apps/demo/deploy/gcp/deploy.sh")]);
  });

  it("a function src/app.ts does not export by its name fails the AWS build, naming it", async () => {
    const declaration = join(root, "apps/demo/src/app.ts");
    const exported = readFileSync(declaration, "utf8");
    writeFileSync(declaration, exported.replace("export const tick =", "const tick ="));
    try {
      const build = run(process.execPath, [join(repo, "cli/bin/skyport.mjs"), "build", "aws"], { cwd: join(root, "apps/demo") });
      await expect(build).rejects.toThrow(/it does not export tick: declare it as export const tick = /);
    } finally {
      writeFileSync(declaration, exported);
    }
  });
});

describe("skyport new from an installed CLI", () => {
  it("points at npm create skyport, as the published package ships no app template", async () => {
    const installed = mkdtempSync(join(tmpdir(), "skyport-cli-"));
    try {
      // The published package's layout: bin/ and src/, no template/ (package.json's files).
      cpSync(join(repo, "cli/bin"), join(installed, "bin"), { recursive: true });
      cpSync(join(repo, "cli/src"), join(installed, "src"), { recursive: true });
      await expect(run(process.execPath, [join(installed, "bin/skyport.mjs"), "new", "demo"], { cwd: installed })).rejects.toThrow(
        /npm create skyport@latest demo/,
      );
    } finally {
      rmSync(installed, { recursive: true, force: true });
    }
  });
});
