import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "./temporary-directory.js";

const repository = fileURLToPath(new URL("../../../..", import.meta.url));
const scripts: Record<string, string> = JSON.parse(readFileSync(join(repository, "package.json"), "utf8")).scripts;
const turboScripts = Object.entries(scripts).filter(([, command]) => /\bturbo\b/.test(command));

describe("turbo's telemetry notice", () => {
  it("is never shown by a script that runs turbo, even to a user turbo has never met", async () => {
    expect(turboScripts.map(([name]) => name)).toEqual(expect.arrayContaining(["build", "typecheck"]));
    // A home without turbo's config: where turbo prints its notice on first use.
    const home = temporaryDirectory();
    for (const [name] of turboScripts) {
      const { stdout, stderr } = await promisify(execFile)("npm", ["run", name, "--", "--filter=@skyport/sqlite", "--dry=json"], {
        cwd: repository,
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config") },
      });
      expect(stdout + stderr, `npm run ${name}`).not.toMatch(/collects completely anonymous telemetry/i);
    }
  }, 60_000);
});
