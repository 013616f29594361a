import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { dynamoDbLocalEnv, prefixedTables } from "@skyport/dynamodb/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { REPOSITORY } from "../temporary-workspace.js";

const files = mkdtempSync(join(tmpdir(), "skyport-sdk-warning-"));
afterAll(() => rmSync(files, { recursive: true, force: true }));

/** The order service on DynamoDB Local, its other files in a temporary folder; without the SDK switch this project (and dynamoDbLocalEnv) sets. */
function localDynamoDbEnv() {
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...inherited } = process.env;
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: __, ...store } = dynamoDbLocalEnv(
    inject("dynamoDbEndpoint"),
    prefixedTables(`sdk-warning-${process.pid}`, [ordersCollection, idempotencyCollection]),
  );
  return {
    ...inherited,
    ...store,
    INIT_CWD: REPOSITORY,
    PORT: "0",
    SKYPORT_QUEUE_PATH: join(files, "queues.db"),
    SKYPORT_DEAD_LETTER_FILE: join(files, "dead-letters.jsonl"),
    SKYPORT_BUCKET_DIR: join(files, "bucket"),
  };
}
const body = { customerId: "cus_warning", items: [{ sku: "A", quantity: 1, unitPrice: 100 }], currency: "EUR" };

describe("local runs on DynamoDB Local write no AWS SDK Node version warning to stderr, though nothing in their environment asks for silence", () => {
  it("npm start", async () => {
    const env = localDynamoDbEnv();
    const server = spawn(process.execPath, [join(REPOSITORY, "scripts/start.mjs")], { cwd: REPOSITORY, env, stdio: ["ignore", "pipe", "pipe"] });
    const stderr: string[] = [];
    server.stderr.on("data", (chunk) => stderr.push(String(chunk)));
    const exited = once(server, "exit");
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout }).on("line", (line) => line.includes('"message":"listening"') && resolve(JSON.parse(line).url));
      exited.then(([code]) => reject(new Error(`npm start exited with ${code}: ${stderr.join("")}`)));
    });
    // An order written: the DynamoDB client made and used.
    const created = await fetch(`${url}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    server.kill("SIGTERM");
    await exited;
    expect(stderr.join("")).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
  });

  it("npm run invoke", async () => {
    const event = join(files, "create.json");
    writeFileSync(event, JSON.stringify({ method: "POST", path: "/orders", body }));
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", "invoke", "--", "api", "--event", event], {
      cwd: REPOSITORY,
      env: localDynamoDbEnv(),
    });
    expect(JSON.parse(stdout).result.status).toBe(201);
    expect(stderr).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
  });
});
