import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY } from "../temporary-workspace.js";
import { assertBuilt, frameworkPackages, packed } from "./published-packages.js";

const ATTW = join(REPOSITORY, "node_modules/.bin/attw");
const tarballs = mkdtempSync(join(tmpdir(), "skyport-packed-"));
afterAll(() => rmSync(tarballs, { recursive: true, force: true }));

/** publint's findings (suggestions included) and attw's verdict on the tarball, as an installed copy would see it. */
describe.each(frameworkPackages().map((pkg) => [pkg.manifest.name, pkg] as const))("%s as the registry serves it", (_, pkg) => {
  let tarball: string;

  it("is packed from its built dist/", () => {
    assertBuilt(pkg);
    tarball = packed(pkg, tarballs);
  });

  it("carries the repository's licence, as its manifest names it", async () => {
    const { stdout } = await promisify(execFile)("tar", ["-xzOf", tarball, "package/LICENSE"]);
    expect(stdout).toBe(readFileSync(join(REPOSITORY, "LICENSE"), "utf8"));
    expect(pkg.manifest.license).toBe("MIT");
  });

  it("publint finds nothing: every export exists in the tarball and is ESM, types first", async () => {
    const buffer = readFileSync(tarball);
    const { messages, pkg: manifest } = await publint({ pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) } });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, manifest, { color: false })}`)).toEqual([]);
  });

  // ESM only, as shipped: node10 and require() from CommonJS are out of the profile; node16 (ESM) and bundlers are in.
  it("arethetypeswrong finds nothing under its esm-only profile: each entry's types resolve and match its JavaScript", async () => {
    const run = await promisify(execFile)(ATTW, [tarball, "--profile", "esm-only", "--format", "ascii", "--no-emoji", "--no-color"]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(run, run.stdout).toMatchObject({ code: 0 });
  });
});
