import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { sleep } from "./seeded-random.js";

/** The files one campaign's server keeps its state in: the same at every restart. */
export interface ServerFiles {
  database: string;
  queues: string;
  deadLetters: string;
  bucket: string;
  log: string;
}

/** A free port on 127.0.0.1, kept for every restart: clients retry the same address, as a real one would. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once("error", reject);
  });
}

/**
 * The built local server (what `npm start` runs, dist/local/server.mjs) in a process of its own,
 * on the campaign's files, started again on the same files after each kill. Its output goes to the log file.
 */
export class ServerProcess {
  private child?: ChildProcess;
  private signalled = false;
  readonly url: string;
  /** Exits the campaign did not cause (a start that failed, a crash): each one fails the campaign. */
  readonly crashes: string[] = [];

  constructor(
    private readonly bundle: string,
    private readonly files: ServerFiles,
    private readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Spawns the server; `ready` resolves once it answers /health (or rejects if it exits first). */
  start(): { ready: Promise<void> } {
    const log = openSync(this.files.log, "a");
    const child = spawn(process.execPath, [this.bundle], {
      env: {
        PATH: process.env.PATH,
        PORT: String(this.port),
        SKYPORT_SQLITE_PATH: this.files.database,
        SKYPORT_QUEUE_PATH: this.files.queues,
        SKYPORT_DEAD_LETTER_FILE: this.files.deadLetters,
        SKYPORT_BUCKET_DIR: this.files.bucket,
        SKYPORT_BUCKET_POLL_MS: "100",
        SKYPORT_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.child = child;
    this.signalled = false;
    child.once("exit", (code, signal) => {
      if (!this.signalled) this.crashes.push(`the server exited with ${code ?? signal} on its own: ${lastLines(this.files.log)}`);
    });
    const exited = new Promise<never>((_, reject) => child.once("exit", (code, signal) => reject(new Error(`server exited with ${code ?? signal}`))));
    exited.catch(() => {});
    const ready = (async () => {
      while (child.exitCode === null && child.signalCode === null) {
        const ok = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) }).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        await sleep(25);
      }
      await exited;
    })();
    return { ready: Promise.race([ready, exited]) };
  }

  /** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** SIGTERM: the server finishes what is in flight, drains its queues and exits. */
  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  private async signal(signal: NodeJS.Signals) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    this.signalled = true;
    child.kill(signal);
    await gone;
  }
}

/** The end of the server's log: why it exited. */
const lastLines = (log: string) => readFileSync(log, "utf8").trimEnd().split("\n").slice(-3).join(" | ").slice(-600);
