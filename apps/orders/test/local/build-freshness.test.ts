import { execFile } from "node:child_process";
import { statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "./temporary-directory.js";

const appDir = fileURLToPath(new URL("../..", import.meta.url));
const builder = pathToFileURL(join(appDir, "../../cli/src/build.mjs")).href;
const distDir = join(temporaryDirectory(), "dist");

/** `skyport build local`, into a dist of its own (the other tests run the real one meanwhile); returns what it printed. */
async function buildLocal(): Promise<string> {
  const options = JSON.stringify({ distDir });
  const script = `const { build } = await import(${JSON.stringify(builder)});\nawait build(${JSON.stringify(appDir)}, ["local"], ${options});`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: appDir });
  return stdout;
}

describe("skyport build: a target is built only when an input changed", () => {
  it("skips a target whose inputs are all older than its output, and rebuilds when one is newer", async () => {
    const server = join(distDir, "local/server.mjs");
    expect(await buildLocal()).toMatch(/built orders for local in \d+ ms/);
    expect(await buildLocal()).toContain("orders for local is up to date");

    // As if src/local.ts were saved after the last build: the output is older than that input.
    const past = new Date(statSync(join(appDir, "src/local.ts")).mtimeMs - 60_000);
    utimesSync(server, past, past);
    expect(await buildLocal()).toMatch(/built orders for local in \d+ ms/);
    expect(statSync(server).mtimeMs).toBeGreaterThan(past.getTime());
    expect(await buildLocal()).toContain("orders for local is up to date");
  }, 60_000);
});
