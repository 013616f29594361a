import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { customerOrderCount, importContract } from "@skyport/core/orders/testing";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalServer } from "./local-server.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
const bundle = fileURLToPath(new URL("../../dist/local/server.mjs", import.meta.url));

/** The report file's identity: each report is written whole, by rename, so a new report is a new inode. */
const versionOf = async (path: string) => {
  const info = await stat(path).catch(() => undefined);
  return info && `${info.ino}:${info.mtimeMs}`;
};

async function written(path: string, before: string | undefined, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (let now = await versionOf(path); now === undefined || now === before; now = await versionOf(path)) {
    if (Date.now() > until) throw new Error(`${path} was not written within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

importContract("the order app on the local server (SQLite), its bucket a folder", async () => {
  const bucket = join(dir, "contract-bucket");
  const server = await startLocalServer({
    PORT: "0",
    SKYPORT_STORE: "sqlite",
    SKYPORT_SQLITE_PATH: join(dir, "contract.db"),
    SKYPORT_DEAD_LETTER_FILE: join(dir, "dead.jsonl"),
    SKYPORT_QUEUE_PATH: join(dir, "contract-queues.db"),
    SKYPORT_BUCKET_DIR: bucket,
    SKYPORT_BUCKET_POLL_MS: "20",
  });
  const report = (name: string) => join(bucket, "reports", `${name}.json`);
  const drop = async (name: string, content: Uint8Array) => {
    const before = await versionOf(report(name));
    await writeFile(join(bucket, "imports", name), content);
    await written(report(name), before);
  };
  return {
    drop,
    redeliver: async (name) => drop(name, await readFile(join(bucket, "imports", name))),
    report: async (name) => JSON.parse(await readFile(report(name), "utf8")),
    countOrders: async (customerId) => customerOrderCount((await server.stores()).orders, customerId),
    close: server.close,
  };
});

describe("npm start's server and a file copied into .data/bucket/imports/", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
  });

  it("imports it: the orders are there through the API, and the report beside it", async () => {
    // The server as `npm start` runs it, in a folder of its own: the bucket is its default, .data/bucket.
    const cwd = join(dir, "npm-start");
    await mkdir(cwd, { recursive: true });
    const child = spawn(process.execPath, [bundle], {
      cwd,
      env: { PATH: process.env.PATH, PORT: "0", SKYPORT_SQLITE_PATH: join(cwd, "orders.db"), SKYPORT_BUCKET_POLL_MS: "50" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      const lines: string[] = [];
      createInterface({ input: child.stdout! }).on("line", (line) => {
        lines.push(line);
        const entry = JSON.parse(line);
        if (entry.message === "listening") resolve(entry.url);
      });
      child.stderr!.on("data", (chunk) => lines.push(String(chunk)));
      child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${lines.join("\n")}`)));
    });

    const source = join(dir, "november.csv");
    await writeFile(
      source,
      [
        "orderRef,customerId,currency,sku,quantity,unitPrice",
        "N-1,cus_copied,EUR,SKU-1,2,1500",
        "N-1,cus_copied,EUR,SKU-2,1,990",
        "N-2,cus_copied,EUR,SKU-3,0,10",
      ].join("\n"),
    );
    await copyFile(source, join(cwd, ".data/bucket/imports/november.csv"));
    const report = join(cwd, ".data/bucket/reports/november.csv.json");
    await written(report, undefined);
    expect(JSON.parse(await readFile(report, "utf8"))).toMatchObject({
      object: "imports/november.csv",
      created: 1,
      rejected: [{ line: 4, orderRef: "N-2", errors: [{ path: "/items/0/quantity" }] }],
    });
    const listed = (await (await fetch(`${url}/orders?customerId=cus_copied`)).json()) as { items: { items: unknown }[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]?.items).toEqual([
      { sku: "SKU-1", quantity: 2, unitPrice: 1500 },
      { sku: "SKU-2", quantity: 1, unitPrice: 990 },
    ]);
  });
});
