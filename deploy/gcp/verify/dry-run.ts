import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DEPLOY_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "../deploy.sh");

/** What `--dry-run` prints: a script of gcloud commands that the real run would execute. */
/** The issuer and audience every deployment needs (deploy.sh refuses to deploy an open API). */
export const TEST_AUTH = ["--auth-issuer=https://id.example.com/", "--auth-audience=https://orders.example.com"];

export function dryRun(args: string[], script = DEPLOY_SCRIPT): string {
  const tripwire = mkdtempSync(join(tmpdir(), "skyport-gcloud-tripwire-"));
  try {
    // A gcloud that leaves a mark: the dry run must not call Google at all.
    writeFileSync(join(tripwire, "gcloud"), `#!/bin/sh\ntouch "${tripwire}/called"\nexit 97\n`);
    chmodSync(join(tripwire, "gcloud"), 0o755);
    const output = execFileSync("bash", [script, ...(script.endsWith("deploy.sh") ? TEST_AUTH : []), ...args, "--dry-run"], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${tripwire}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (existsSync(join(tripwire, "called"))) throw new Error("deploy.sh --dry-run called gcloud");
    return output;
  } finally {
    rmSync(tripwire, { recursive: true, force: true });
  }
}

/** Values a lookup (`--format=value(...)`) returns, shaped as Google's are, so that every argument parses. */
const LOOKUPS: Record<string, string> = {
  "value(eventTrigger.trigger)": "projects/demo-skyport/locations/europe-west1/triggers/skyport-orders-queue-123456",
  "value(transport.pubsub.subscription)": "projects/demo-skyport/subscriptions/eventarc-europe-west1-skyport-orders-queue-123456-sub-789",
  "value(projectNumber)": "123456789012",
  "value(serviceConfig.uri)": "https://skyport-orders-abcdefghij-ew.a.run.app",
};

/** What a `list` or `create` answers with `--format=value(name)`: nothing when the thing is absent. */
const NAMES: Record<string, string> = {
  "monitoring policies": "projects/demo-skyport/alertPolicies/1234567890123456789",
  "monitoring channels": "projects/demo-skyport/notificationChannels/9876543210987654321",
};

// The printed script runs in bash with gcloud as a function that writes down its arguments.
const RECORDER = `
gcloud() {
  { printf '%s\\0' "$@"; printf '\\n'; } >> "$RECORD"
  local arg
  for arg in "$@"; do
    case "$arg" in --format=*) printf '%s\\n' "$(lookup_value "\${arg#--format=}" "$*")"; return 0 ;; esac
  done
  case " $* " in *" describe "*) return "$DESCRIBE_STATUS" ;; esac
}
lookup_value() {
  if [[ "$1" == "value(name)" ]]; then
    # A list finds the thing only when it exists; a create always names what it made.
    case "$2" in *" list "*) [[ "$DESCRIBE_STATUS" == 0 ]] || return 0 ;; esac
    case "$2" in
${Object.entries(NAMES)
  .map(([command, name]) => `      *"${command}"*) echo '${name}'; return 0 ;;`)
  .join("\n")}
    esac
  fi
  case "$1" in
${Object.entries(LOOKUPS)
  .map(([format, value]) => `    '${format}') echo '${value}' ;;`)
  .join("\n")}
    *) echo "no lookup value for $1" >&2; return 1 ;;
  esac
}
`;

/**
 * Runs the dry run's script with every describe check answering "absent" (a first deployment) or
 * "present" (a second one), and returns each gcloud command it would run, as argument lists.
 */
export function recordCommands(dryRunScript: string, existing: "absent" | "present"): string[][] {
  const dir = mkdtempSync(join(tmpdir(), "skyport-gcloud-record-"));
  try {
    const record = join(dir, "commands");
    writeFileSync(record, "");
    writeFileSync(join(dir, "run.sh"), RECORDER + dryRunScript);
    execFileSync("bash", [join(dir, "run.sh")], {
      env: { ...process.env, RECORD: record, DESCRIBE_STATUS: existing === "absent" ? "1" : "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    return readFileSync(record, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\0").slice(0, -1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
