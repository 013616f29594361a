import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Env } from "@skyport/core";
import type { ContractRequest, ServerProcess } from "@skyport/core/testing";
import { FUNCTIONS_FRAMEWORK_MAIN, startFrameworkProcess, type FrameworkProcess } from "@skyport/gcp-functions/testing";

export const GCP_DIST = fileURLToPath(new URL("../../dist/gcp/", import.meta.url));

/** dist/gcp/<function> as `npm run build` leaves it (what `gcloud functions deploy --source` uploads), or a failure that says how to make it. */
export function requireGcpBundle(fn: string): string {
  const dir = join(GCP_DIST, fn);
  if (!existsSync(join(dir, "index.mjs"))) {
    throw new Error(`no GCP bundle at ${dir}: build it first with \`npm run build -w apps/orders\` (or \`npx skyport build gcp\` in apps/orders)`);
  }
  return dir;
}

// Where the framework is installed: a copied bundle finds its one dependency there, as a deployed source finds its node_modules.
const NODE_MODULES = FUNCTIONS_FRAMEWORK_MAIN.slice(0, FUNCTIONS_FRAMEWORK_MAIN.lastIndexOf("/node_modules/") + "/node_modules".length);

/**
 * Runs the built bundle of one function the way Cloud Functions does: the framework's CLI loads
 * a copy of dist/gcp/<target> (its package.json `main`) and serves that target. PORT is a Unix socket path, which Node's listen()
 * takes as such: the CLI would otherwise listen on every interface.
 */
export async function runBundle(target: string, env: Env) {
  const dir = mkdtempSync(join(tmpdir(), "skyport-gcp-"));
  const socketPath = join(dir, "function.sock");
  // The instance's own copy, as Cloud Functions deploys one: a rebuild of dist/ while it runs (another test's build) is not what restarts.
  const source = join(dir, "source");
  cpSync(requireGcpBundle(target), source, { recursive: true });
  symlinkSync(NODE_MODULES, join(source, "node_modules"));
  const start = () => {
    // A killed instance leaves its socket file behind, which a new listen() would refuse.
    rmSync(socketPath, { force: true });
    return startFrameworkProcess({ source, target, env, socketPath });
  };
  let output = "";
  let killing = false;
  const crashes: string[] = [];
  let send: FrameworkProcess["send"] | undefined;
  const started = async () => {
    const { server: instance, send: sendToSocket } = await start();
    send = sendToSocket;
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    instance.child.stdout!.on("data", keep);
    instance.child.stderr!.on("data", keep);
    // An instance that ends unasked crashed: Cloud Run would start another, the test would wait for it.
    instance.child.once("exit", (code, signal) => {
      if (!killing) crashes.push(`exited with ${code ?? signal} at ${new Date().toISOString()}; its last lines:\n${output.slice(-3000)}`);
    });
    return instance;
  };
  let server: ServerProcess;
  try {
    server = await started();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    socketPath,
    send: (contract: ContractRequest) => send!(contract),
    /** SIGKILL to the framework's process group, as an instance dies: no answer, no clean-up, nothing flushed. */
    async kill() {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return;
      const exited = once(server.child, "exit");
      killing = true;
      process.kill(-server.child.pid!, "SIGKILL");
      await exited.finally(() => {
        killing = false;
      });
    },
    /** A new instance of the same bundle on the same socket, as Cloud Functions starts one after a crash. */
    async restart() {
      server = await started();
    },
    /** How each instance that ended without kill() or stop() ended. */
    crashes: () => [...crashes],
    /** What every instance so far wrote on stdout and stderr (its log lines), from its start. */
    output: () => output,
    async stop() {
      killing = true;
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
