import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY as repo } from "./temporary-workspace.js";

// Relative paths, as the defaults are (.data/orders.db ...): a folder of this test's own under .data/.
const folder = `.data/paths-test-${process.pid}`;
const env = {
  ...process.env,
  INIT_CWD: repo,
  PORT: "0",
  SKYPORT_STORE: "sqlite",
  SKYPORT_SQLITE_PATH: `${folder}/orders.db`,
  SKYPORT_QUEUE_PATH: `${folder}/queues.db`,
  SKYPORT_DEAD_LETTER_FILE: `${folder}/dead-letters.jsonl`,
  SKYPORT_BUCKET_DIR: `${folder}/bucket`,
};
const events = mkdtempSync(join(tmpdir(), "skyport-paths-"));
afterAll(() => {
  for (const dir of [join(repo, "apps/orders", folder), join(repo, folder), events]) rmSync(dir, { recursive: true, force: true });
});

/** `npm start` at the repository's root until it listens; its address and a stop that waits for its exit. */
async function npmStart() {
  const server = spawn(process.execPath, [join(repo, "scripts/start.mjs")], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
  const errors: string[] = [];
  server.stderr.on("data", (chunk) => errors.push(String(chunk)));
  const exited = once(server, "exit");
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout }).on("line", (line) => line.includes('"message":"listening"') && resolve(JSON.parse(line).url));
    exited.then(([code]) => reject(new Error(`npm start exited with ${code}: ${errors.join("")}`)));
  });
  const stop = () => {
    server.kill("SIGTERM");
    return exited;
  };
  return { url, stop };
}

describe("npm start and npm run invoke -w apps/orders keep the order service's data in one place", () => {
  it("an order created through npm start is read by npm run invoke, both from apps/orders/.data", async () => {
    const server = await npmStart();
    let id: string;
    try {
      const body = { customerId: "cus_paths", items: [{ sku: "A", quantity: 1, unitPrice: 100 }], currency: "EUR" };
      const created = await fetch(`${server.url}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(created.status).toBe(201);
      ({ id } = (await created.json()) as { id: string });
    } finally {
      await server.stop();
    }
    expect(existsSync(join(repo, "apps/orders", folder, "orders.db"))).toBe(true);

    const event = join(events, "get.json");
    writeFileSync(event, JSON.stringify({ method: "GET", path: `/orders/${id}` }));
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "invoke", "-w", "apps/orders", "--", "api", "--event", event], { cwd: repo, env });
    const { result } = JSON.parse(stdout) as { result: { status: number; body: { id: string } } };
    expect([result.status, result.body.id]).toEqual([200, id]);
  });
});
