import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);

/** biome.jsonc's formatter.lineWidth: the width no source line may pass, strings and comments included. */
const LINE_WIDTH = (JSON.parse(readFileSync(join(repo, "biome.jsonc"), "utf8").replace(/^\s*\/\/.*$/gm, "")) as { formatter: { lineWidth: number } }).formatter
  .lineWidth;

describe("one shape for every source file", () => {
  it("passes Biome's formatter and linter (biome ci), as committed", async () => {
    const result = await run("npx", ["biome", "ci", "--colors=off", "."], { cwd: repo, maxBuffer: 32 * 1024 * 1024 }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Found \d+ errors?/);
  }, 120_000);

  it(`has no source line over ${LINE_WIDTH} characters`, async () => {
    const { stdout } = await run("git", ["ls-files", "*.ts", "*.mjs"], { cwd: repo });
    const long = stdout
      .split("\n")
      .filter(Boolean)
      .flatMap((file) =>
        readFileSync(join(repo, file), "utf8")
          .split("\n")
          .flatMap((line, i) => (line.length > LINE_WIDTH ? [`${file}:${i + 1} (${line.length})`] : [])),
      );
    expect(long).toEqual([]);
  });
});
