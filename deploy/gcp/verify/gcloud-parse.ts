import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ParseResult {
  argv: string[];
  /** gcloud's exit status: 2 for a usage error (an unknown flag, a bad value), 1 here for "no account". */
  status: number;
  message: string;
}

const NO_ACCOUNT = /You do not currently have an active account selected/;

/** True when gcloud got past parsing: it stopped only because no account is signed in. */
export const parsedCleanly = (result: ParseResult) => result.status === 1 && NO_ACCOUNT.test(result.message);

/**
 * Lets the installed gcloud parse each command offline: with an empty configuration (no account,
 * no credentials) gcloud parses and validates every flag and value, then stops before any API call
 * because no one is signed in. Where Linux allows it, each runs in a private network namespace too.
 */
export async function parseWithGcloud(commands: string[][], parallel = 4): Promise<ParseResult[]> {
  const config = mkdtempSync(join(tmpdir(), "skyport-gcloud-config-"));
  const isolate = spawnSync("unshare", ["--net", "--map-root-user", "--", "true"]).status === 0;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLOUDSDK_CONFIG: config,
    CLOUDSDK_CORE_DISABLE_PROMPTS: "1",
    CLOUDSDK_CORE_CHECK_GCE_METADATA: "false",
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: "1",
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: "true",
  };
  delete env.CLOUDSDK_CORE_PROJECT;
  delete env.GOOGLE_APPLICATION_CREDENTIALS;
  // gcloud is a shell script that starts Python without exec: a timeout kills its process group, not the script alone.
  const parse = (argv: string[]) =>
    new Promise<ParseResult>((resolve) => {
      const [command, args] = isolate ? ["unshare", ["--net", "--map-root-user", "--", "gcloud", ...argv]] : ["gcloud", argv];
      const child = spawn(command as string, args as string[], { env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 60_000);
      child.once("close", (code) => {
        clearTimeout(timer);
        resolve({ argv, status: code ?? -1, message: stderr.trim() });
      });
    });
  try {
    const queue = commands.map((argv, index) => ({ argv, index }));
    const results: ParseResult[] = new Array(commands.length);
    await Promise.all(
      Array.from({ length: Math.min(parallel, commands.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) results[next.index] = await parse(next.argv);
      }),
    );
    return results;
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}
