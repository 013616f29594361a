import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StubbedRun {
  status: number | null;
  stderr: string;
  /** Every `sam` and `aws` command the script ran, as argument lists that start with the program. */
  commands: string[][];
  /** The files below the tree `sam deploy` was given (relative to it), as SAM would find them. */
  uploaded: string[];
}

// `aws` answers an output lookup with `value-of-<OutputKey>` and the account with a made-up id;
// `sam deploy` lists the tree around the template it was given, the tree it would upload from.
const STUB = `#!/usr/bin/env bash
program="$(basename "$0")"
{ printf '%s\\0' "$program" "$@"; printf '\\n'; } >> "$RECORD"
if [[ "$program" == sam && "$1" == deploy ]]; then
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == --template-file ]]; then
      root="$(cd "$(dirname "$2")/../.." && pwd)"
      (cd "$root" && find . -type f | sed 's|^\\./||' | sort) > "$UPLOADED"
    fi
    shift
  done
fi
if [[ "$program" == aws ]]; then
  case "$*" in
    *"sts get-caller-identity"*) echo 123456789012 ;;
    *"OutputKey=="*) all="$*" && key="\${all#*OutputKey==\\'}" && echo "value-of-\${key%%\\'*}" ;;
  esac
fi
exit 0
`;

/** Runs a deploy script with `sam` and `aws` replaced by stubs that record what they are asked. */
export function runWithStubbedClis(script: string, args: string[]): StubbedRun {
  const dir = mkdtempSync(join(tmpdir(), "skyport-aws-stubs-"));
  try {
    for (const program of ["sam", "aws"]) {
      writeFileSync(join(dir, program), STUB);
      chmodSync(join(dir, program), 0o755);
    }
    const record = join(dir, "commands");
    const uploaded = join(dir, "uploaded");
    writeFileSync(record, "");
    writeFileSync(uploaded, "");
    const run = spawnSync("bash", [script, ...args], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, RECORD: record, UPLOADED: uploaded, AWS_REGION: "", AWS_DEFAULT_REGION: "" },
    });
    const commands = readFileSync(record, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\0").slice(0, -1));
    return { status: run.status, stderr: run.stderr, commands, uploaded: readFileSync(uploaded, "utf8").split("\n").filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** shellcheck's findings on a script, or an error naming how to install it. */
export function shellcheck(script: string): string {
  const probe = spawnSync("shellcheck", ["--version"]);
  if (probe.error) throw new Error("shellcheck is needed: apt-get install -y shellcheck (scripts/prerequisites.sh installs it in npm test)");
  try {
    // --external-sources: a script is checked with what it sources (deploy/gcp/names.sh).
    return execFileSync("shellcheck", ["--severity=style", "--external-sources", script], { encoding: "utf8" });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
