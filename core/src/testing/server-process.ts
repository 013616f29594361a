import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A stand-in's server process, started by `startServerProcess`: its port, and how to stop it. */
export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Stops the whole process group, so that forked children (a JVM) do not outlive it. */
  stop(): Promise<void>;
}

/** How to start a stand-in's server: its command, the port it listens on, its environment. */
export interface ServerProcessOptions {
  name: string;
  command: string;
  args: string[];
  port: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Ready when this answers true; by default when the port accepts connections. */
  ready?: () => Promise<boolean>;
  timeoutMs?: number;
}

/** Starts a local server (an emulator) in its own process group and waits until it is ready. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exited with ${code ?? signal}`));
  child.once("error", (error) => (exited = `could not start: ${error.message}`));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }, 5000);
    await gone;
    clearTimeout(timer);
  };

  const ready = options.ready ?? (() => portOpen(options.port));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await ready().catch(() => false))) {
    if (exited) throw new Error(`${options.name} ${exited}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} was not ready on port ${options.port} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port: options.port, child, stop };
}
