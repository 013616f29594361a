import { execFile } from "node:child_process";
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
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

describe("skyport build: a target is built only when an input's content changed", () => {
  it("skips a target whose inputs have the content its last build recorded, whatever the file times; rebuilds when one differs", async () => {
    const server = join(distDir, "local/server.mjs");
    expect(await buildLocal()).toMatch(/built orders for local in \d+ ms/);
    expect(await buildLocal()).toContain("orders for local is up to date");

    // An output older than its inputs, by its time only: nothing changed.
    const past = new Date(statSync(join(appDir, "src/local.ts")).mtimeMs - 60_000);
    utimesSync(server, past, past);
    expect(await buildLocal()).toContain("orders for local is up to date");

    // As if src/local.ts had been edited since the last build (without editing the app's own file, which other tests build).
    const metaPath = join(distDir, "meta/local.json");
    const meta = JSON.parse(readFileSync(metaPath, "utf8"));
    expect(meta.skyportInputs["src/local.ts"]).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(metaPath, JSON.stringify({ ...meta, skyportInputs: { ...meta.skyportInputs, "src/local.ts": "0".repeat(64) } }));
    expect(await buildLocal()).toMatch(/built orders for local in \d+ ms/);
    expect(statSync(server).mtimeMs).toBeGreaterThan(past.getTime());
    expect(await buildLocal()).toContain("orders for local is up to date");
  }, 60_000);
});
