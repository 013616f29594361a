import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Env } from "@skyport/core";
import { rawHttpRequest, startServerProcess, type ContractRequest, type ContractResponse, type ServerProcess } from "@skyport/core/testing";

export const GCP_DIST = fileURLToPath(new URL("../../dist/gcp/", import.meta.url));

/** dist/gcp/<function> as `npm run build` leaves it (what `gcloud functions deploy --source` uploads), or a failure that says how to make it. */
export function requireGcpBundle(fn: string): string {
  const dir = join(GCP_DIST, fn);
  if (!existsSync(join(dir, "index.mjs"))) {
    throw new Error(`no GCP bundle at ${dir}: build it first with \`npm run build -w apps/orders\` (or \`npx skyport build gcp\` in apps/orders)`);
  }
  return dir;
}

// The framework's command-line entry, the program the Cloud Functions runtime starts.
const FRAMEWORK_MAIN = join(dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")), "main.js");
// Where the framework is installed: a copied bundle finds its one dependency there, as a deployed source finds its node_modules.
const NODE_MODULES = FRAMEWORK_MAIN.slice(0, FRAMEWORK_MAIN.lastIndexOf("/node_modules/") + "/node_modules".length);

const socketAnswers = (path: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ path });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

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
    return startServerProcess({
      name: `functions-framework --target=${target}`,
      command: process.execPath,
      args: [FRAMEWORK_MAIN, `--target=${target}`, `--source=${source}`],
      port: 0,
      // Cloud Functions sets FUNCTION_TARGET to the deployment's entry point, as --target does here.
      env: { ...env, PORT: socketPath, NODE_ENV: "production", FUNCTION_TARGET: target },
      ready: () => socketAnswers(socketPath),
      timeoutMs: 30_000,
    });
  };
  let output = "";
  let killing = false;
  const crashes: string[] = [];
  const started = async () => {
    const instance = await start();
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
    send: (contract: ContractRequest) => sendOverSocket(socketPath, contract),
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

/** Header values node:http refuses to send (control characters, DEL): the function must refuse them itself. */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

function sendOverSocket(socketPath: string, contract: ContractRequest): Promise<ContractResponse> {
  if (Object.values(contract.headers ?? {}).some((value) => UNSENDABLE.test(value))) {
    return rawHttpRequest(new URL("http://localhost"), contract, { socketPath });
  }
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: contract.path, method: contract.method, headers: { host: "localhost", ...contract.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on("error", reject);
    req.end(contract.body === undefined ? undefined : Buffer.from(contract.body));
  });
}
