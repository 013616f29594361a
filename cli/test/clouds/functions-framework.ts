import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Env } from "@skyport/core";
import { startServerProcess, type ContractRequest, type ContractResponse } from "@skyport/core/testing";

// The framework's command-line entry: the program the Cloud Functions runtime starts.
const FRAMEWORK_MAIN = join(dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")), "main.js");

const socketAnswers = (path: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ path });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

export interface ServedFunction {
  send(request: ContractRequest): Promise<ContractResponse>;
  stop(): Promise<void>;
}

/**
 * The directory `gcloud functions deploy <target> --source` uploads, served as Cloud Functions serves
 * it: the framework's CLI loads its package.json `main` and serves the target. PORT is a Unix socket
 * path (Node's listen() takes it as such), so nothing listens on any network interface.
 */
export async function serveFunction(source: string, target: string, env: Env): Promise<ServedFunction> {
  const dir = mkdtempSync(join(tmpdir(), "skyport-gcp-"));
  const socketPath = join(dir, "function.sock");
  try {
    const server = await startServerProcess({
      name: `functions-framework --target=${target}`,
      command: process.execPath,
      args: [FRAMEWORK_MAIN, `--target=${target}`, `--source=${source}`],
      port: 0,
      // Cloud Functions sets FUNCTION_TARGET to the deployment's entry point, as --target does here.
      env: { ...env, PORT: socketPath, NODE_ENV: "production", FUNCTION_TARGET: target },
      ready: () => socketAnswers(socketPath),
      timeoutMs: 30_000,
    });
    return {
      send: (request) => sendOverSocket(socketPath, request),
      async stop() {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A request over the socket as a client sends it over TCP, the body whole in the answer. */
function sendOverSocket(socketPath: string, request: ContractRequest): Promise<ContractResponse> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ socketPath, path: request.path, method: request.method, headers: { host: "localhost", ...request.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        resolve({ status: response.statusCode!, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    sent.on("error", reject);
    sent.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}
