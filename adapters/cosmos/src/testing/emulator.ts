import { existsSync } from "node:fs";
import { Agent } from "node:https";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort, startServerProcess } from "@skyport/core/testing";

/** The Cosmos DB server on loopback: its endpoint and key, and how to stop it. */
export interface CosmosServer {
  endpoint: string;
  /** Any key signs requests to the local server; it checks none. */
  key: string;
  stop(): Promise<void>;
}

// A well-formed account key (base64) that is no secret: the local server accepts any.
const EMULATOR_KEY = Buffer.from("skyport local cosmos server").toString("base64");

function serverCli(): string {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve("@vercel/cosmosdb-server/package.json"));
  } catch {
    throw new Error("@vercel/cosmosdb-server is not installed: it is a devDependency of @skyport/cosmos; run `npm install` at the repository root");
  }
  const cli = join(root, "lib", "cli.js");
  if (!existsSync(cli)) throw new Error(`@vercel/cosmosdb-server has no ${cli}: reinstall it with \`npm install\``);
  return cli;
}

/** Starts @vercel/cosmosdb-server over HTTPS on a free loopback port. */
export async function startCosmosServer(): Promise<CosmosServer> {
  const port = await freePort();
  const server = await startServerProcess({
    name: "cosmosdb-server",
    command: process.execPath,
    args: [serverCli(), "-p", String(port), "--host", "127.0.0.1"],
    port,
  });
  return { endpoint: `https://127.0.0.1:${port}`, key: EMULATOR_KEY, stop: server.stop };
}

/** The local server's certificate is self-signed (and expired): tests, and only tests, accept it. */
export function emulatorAgent(): Agent {
  return new Agent({ rejectUnauthorized: false, keepAlive: true });
}
