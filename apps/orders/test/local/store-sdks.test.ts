import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { describe, expect, inject, it } from "vitest";
import { temporaryDirectory } from "./temporary-directory.js";

const bundle = fileURLToPath(new URL("../../dist/local/server.mjs", import.meta.url));
const moduleLog = fileURLToPath(new URL("./module-log.mjs", import.meta.url));
const dir = temporaryDirectory();
const SDKS = ["@aws-sdk/client-dynamodb", "@aws-sdk/client-dynamodb-streams", "@google-cloud/firestore", "@azure/cosmos", "better-sqlite3"];
let runs = 0;

/** Starts the built local server with these settings and returns the SDKs it imported by the time it listened. */
async function sdksLoadedBy(env: Record<string, string>): Promise<string[]> {
  const log = join(dir, `modules-${++runs}.log`);
  const child = spawn(process.execPath, ["--import", moduleLog, bundle], {
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      SKYPORT_MODULE_LOG: log,
      SKYPORT_DEAD_LETTER_FILE: join(dir, "dead.jsonl"),
      SKYPORT_QUEUE_PATH: join(dir, `queues-${runs}.db`),
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  for await (const line of createInterface({ input: child.stdout! })) if (line.includes('"listening"')) break;
  child.kill("SIGTERM");
  await exited;
  const specifiers = readFileSync(log, "utf8")
    .split("\n")
    .map((line) => line.split(" ")[0]);
  return SDKS.filter((sdk) => specifiers.includes(sdk));
}

// better-sqlite3 is loaded whatever the store: the local server keeps its queues in an SQLite file (SKYPORT_QUEUE_PATH).
describe("the local server loads only the configured store's SDK, and better-sqlite3 for its queue file", () => {
  it("memory: none but better-sqlite3", async () => {
    expect(await sdksLoadedBy({ SKYPORT_STORE: "memory" })).toEqual(["better-sqlite3"]);
  });

  it("sqlite (the default): better-sqlite3 only", async () => {
    expect(await sdksLoadedBy({ SKYPORT_SQLITE_PATH: join(dir, "orders.db") })).toEqual(["better-sqlite3"]);
  });

  it("dynamodb: the DynamoDB clients only (the table's, and its stream's for the changes functions)", async () => {
    const { endpoint, tables } = inject("localEmulators").dynamoDb;
    expect(await sdksLoadedBy(dynamoDbLocalEnv(endpoint, tables) as Record<string, string>)).toEqual([
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/client-dynamodb-streams",
      "better-sqlite3",
    ]);
  });
});
