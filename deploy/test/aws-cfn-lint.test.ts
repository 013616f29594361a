import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const template = join(dirname(fileURLToPath(import.meta.url)), "../aws/template.yaml");

/** cfn-lint on the PATH, or where pyenv or pipx put it; never a silent pass without it. */
function cfnLint(): string {
  const onPath = spawnSync("cfn-lint", ["--version"], { encoding: "utf8" });
  if (!onPath.error && onPath.status === 0) return "cfn-lint";
  for (const place of [".pyenv/shims/cfn-lint", ".local/bin/cfn-lint"]) if (existsSync(join(homedir(), place))) return join(homedir(), place);
  throw new Error(
    "cfn-lint is not installed, so deploy/aws/template.yaml cannot be checked: " +
      "apt-get install -y pipx && pipx install cfn-lint (scripts/prerequisites.sh does it in npm test)",
  );
}

describe("deploy/aws/template.yaml under cfn-lint", () => {
  it("has no errors and no warnings (SAM transform included)", () => {
    const run = spawnSync(cfnLint(), ["--format", "parseable", "--", template], { encoding: "utf8" });
    expect(run.error).toBeUndefined();
    // Exit status bits: 2 errors, 4 warnings, 8 informational; 1 means cfn-lint itself failed.
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: "" });
  }, 60_000);
});
