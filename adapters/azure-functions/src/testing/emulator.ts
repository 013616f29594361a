import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort, startServerProcess, type ServerProcess } from "@skyport/core/testing";

// Azurite's documented development account: a public, well-known key, not a secret.
const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** Azurite's queue service on loopback: its URL, its connection string, and how to stop it. */
export interface AzuriteQueue {
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  queueServiceUrl: string;
  /** What SKYPORT_STORAGE_CONNECTION_STRING is set to against this emulator. */
  connectionString: string;
  stop(): Promise<void>;
}

function azuriteMain(service: "queue" | "blob"): string {
  let main: string | undefined;
  try {
    main = join(dirname(createRequire(import.meta.url).resolve("azurite/package.json")), `dist/src/${service}/main.js`);
  } catch {}
  if (!main || !existsSync(main)) {
    throw new Error("azurite is not installed: run `npm ci` at the repository root (azurite@3 is a devDependency of @skyport/azure-functions)");
  }
  return main;
}

/** One of azurite's services on a free loopback port, in memory: its service URL and the connection string naming it. */
async function startAzurite(service: "queue" | "blob") {
  const port = await freePort();
  const server: ServerProcess = await startServerProcess({
    name: `azurite-${service}`,
    command: process.execPath,
    args: [
      azuriteMain(service),
      `--${service}Host`,
      "127.0.0.1",
      `--${service}Port`,
      String(port),
      "--inMemoryPersistence",
      "--skipApiVersionCheck",
      "--disableTelemetry",
      "--silent",
    ],
    port,
    timeoutMs: 30_000,
  });
  const url = `http://127.0.0.1:${port}/${ACCOUNT}`;
  const endpoint = service === "queue" ? "QueueEndpoint" : "BlobEndpoint";
  return {
    url,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};${endpoint}=${url};`,
    stop: () => server.stop(),
  };
}

/** Azurite's queue service on a free loopback port, in memory, until stop(). */
export async function startAzuriteQueue(): Promise<AzuriteQueue> {
  const { url, ...rest } = await startAzurite("queue");
  return { queueServiceUrl: url, ...rest };
}

/** Azurite's blob service on loopback: its URL, its connection string, and how to stop it. */
export interface AzuriteBlob {
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  blobServiceUrl: string;
  /** What SKYPORT_STORAGE_CONNECTION_STRING is set to for the blob service. */
  connectionString: string;
  stop(): Promise<void>;
}

/** Azurite's blob service on a free loopback port, in memory, until stop(). */
export async function startAzuriteBlob(): Promise<AzuriteBlob> {
  const { url, ...rest } = await startAzurite("blob");
  return { blobServiceUrl: url, ...rest };
}
