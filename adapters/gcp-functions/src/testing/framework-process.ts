import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import type { Env } from "@skyport/core";
import { rawHttpRequest, startServerProcess, type ContractRequest, type ContractResponse, type ServerProcess } from "@skyport/core/testing";

/** The functions framework's command-line entry: the program the Cloud Functions runtime starts. */
export const FUNCTIONS_FRAMEWORK_MAIN = join(dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")), "main.js");

/** A function served by the framework's CLI in a process of its own, and HTTP over its socket. */
export interface FrameworkProcess {
  /** The process, in a group of its own (its `stop` ends the group). */
  server: ServerProcess;
  send(request: ContractRequest): Promise<ContractResponse>;
}

/**
 * The directory `gcloud functions deploy <target> --source` uploads, served as Cloud Functions serves it: the framework's
 * CLI loads its package.json `main` and serves `target`, with FUNCTION_TARGET set as the runtime sets it. PORT is the
 * Unix socket `socketPath` (Node's listen() takes a path as such), so nothing listens on any network interface.
 */
export async function startFrameworkProcess({
  source,
  target,
  env,
  socketPath,
}: {
  source: string;
  target: string;
  env: Env;
  socketPath: string;
}): Promise<FrameworkProcess> {
  const server = await startServerProcess({
    name: `functions-framework --target=${target}`,
    command: process.execPath,
    args: [FUNCTIONS_FRAMEWORK_MAIN, `--target=${target}`, `--source=${source}`],
    port: 0,
    env: { ...env, PORT: socketPath, NODE_ENV: "production", FUNCTION_TARGET: target },
    ready: () => socketAnswers(socketPath),
    timeoutMs: 30_000,
  });
  return { server, send: (request) => sendOverSocket(socketPath, request) };
}

const socketAnswers = (path: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ path });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Header values node:http refuses to send (control characters, DEL): sent raw, for the function to refuse them itself. */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** A request over the socket as a client sends it over TCP, the body whole in the answer. */
function sendOverSocket(socketPath: string, request: ContractRequest): Promise<ContractResponse> {
  if (Object.values(request.headers ?? {}).some((value) => UNSENDABLE.test(value))) {
    return rawHttpRequest(new URL("http://localhost"), request, { socketPath });
  }
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
