// The order service as `npm start` runs it (scripts/start.mjs: built if stale, then served), on its
// own SQLite file, queue file, dead-letter file and bucket folder in a temporary folder, on a free
// port, with the event-loop sampler loaded into it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const repository = fileURLToPath(new URL("../..", import.meta.url));
const sampler = fileURLToPath(new URL("event-loop-sampler.mjs", import.meta.url));

/**
 * Starts the server and resolves once it logs that it listens. `onDelay` receives the sampler's
 * lines; every other line is the server's log, of which only errors are kept (one per failed request).
 */
export async function startSoakedServer({ sampleMs, onDelay }) {
  const dir = mkdtempSync(join(tmpdir(), "skyport-soak-"));
  const env = {
    PATH: process.env.PATH,
    PORT: "0",
    SKYPORT_SQLITE_PATH: join(dir, "orders.db"),
    SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
    SKYPORT_DEAD_LETTER_FILE: join(dir, "dead-letters.jsonl"),
    SKYPORT_BUCKET_DIR: join(dir, "bucket"),
    SKYPORT_SOAK_SAMPLE_MS: String(sampleMs),
  };
  const child = spawn(process.execPath, ["--import", sampler, join(repository, "scripts/start.mjs")], {
    cwd: repository,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errors = [];
  const exited = once(child, "exit");
  child.stderr.on("data", (chunk) => errors.push(String(chunk)));
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = parsed(line);
      if (entry?.soak === "event-loop") onDelay(entry);
      else if (entry?.message === "listening") resolve(entry.url);
      else if (entry?.level === "error" && errors.length < 100) errors.push(line);
    });
    exited.then(([code]) => reject(new Error(`the server exited with ${code} before it listened:\n${errors.join("\n")}`)));
  });
  return {
    pid: child.pid,
    url,
    env,
    /** Error lines the server logged (at most 100). */
    errors,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const [code] = child.exitCode === null ? await exited : [child.exitCode];
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

function parsed(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
