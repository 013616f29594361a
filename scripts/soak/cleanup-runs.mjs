// The order service's cleanup is scheduled every hour, which a ten-minute soak never reaches: the soak
// runs it now and then with `skyport invoke cleanup` on the server's own SQLite file, as an operator would.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("../../apps/orders", import.meta.url));
const skyport = fileURLToPath(new URL("../../cli/bin/skyport.mjs", import.meta.url));

/** Runs the cleanup every `everyMs` on the server's stores (`env`); `stop()` waits for a run in progress and returns the tally. */
export function startCleanupRuns(env, everyMs) {
  const tally = { runs: 0, deleted: 0, failed: 0, firstFailure: undefined };
  let running;
  const runOnce = () =>
    new Promise((resolve) => {
      execFile(process.execPath, [skyport, "invoke", "cleanup"], { cwd: appDir, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
        tally.runs++;
        const deleted = error ? undefined : /"deleted":\s*(\d+)/.exec(stdout)?.[1];
        if (deleted !== undefined) {
          tally.deleted += Number(deleted);
          return resolve();
        }
        tally.failed++;
        tally.firstFailure ??= (stderr || stdout || String(error)).trim().split("\n").slice(0, 5).join("\n");
        resolve();
      });
    }).finally(() => (running = undefined));
  // One run at a time: a tick while one still runs (a slow machine) is skipped, not queued.
  const timer = setInterval(() => (running ??= runOnce()), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return tally;
    },
  };
}
