import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineApp, objectCreated, silentLogger } from "@skyport/core";
import { importOrders, type OrderDeps } from "@skyport/core/orders";
import { customerOrderCount, importContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { afterAll, describe, expect, it } from "vitest";
import { folderObjects, MAX_OBJECT_ATTEMPTS, readDeadLetters, startLocalApp, type LocalApp } from "../src/index.js";

const app = defineApp({ name: "imports", functions: { import: objectCreated("orders-imports", "imports/", (deps: OrderDeps) => importOrders(deps)) } });
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The local runtime over a temporary bucket folder, polling every 20 ms, with the memory store. */
async function localBucket() {
  const dir = await mkdtemp(join(tmpdir(), "skyport-bucket-"));
  dirs.push(dir);
  const deps = memoryOrderDeps();
  const local = await startLocalApp(app, () => ({ logger: silentLogger, services: async () => deps }), {
    SKYPORT_BUCKET_DIR: dir,
    SKYPORT_BUCKET_POLL_MS: "20",
    SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
  });
  return { dir, deps, local };
}

/** The report file's identity: the watcher writes each report whole, by rename, so a new report is a new inode. */
const versionOf = async (path: string) => {
  const info = await stat(path).catch(() => undefined);
  return info && `${info.ino}:${info.mtimeMs}`;
};

/** Waits until the file at `path` is another than `before` (a version from versionOf). */
async function changed(path: string, before: string | undefined, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await versionOf(path)) === before || (await versionOf(path)) === undefined) {
    if (Date.now() > until) throw new Error(`${path} was not written within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

importContract("the local runtime: a folder as the bucket, watched", async () => {
  const { dir, deps, local } = await localBucket();
  const reportPath = (name: string) => join(dir, "reports", `${name}.json`);
  // Each drop rewrites the file; the test waits for the watcher to notice and write a new report.
  const write = async (name: string, content: Uint8Array) => {
    const before = await versionOf(reportPath(name));
    await writeFile(join(dir, "imports", name), content);
    await changed(reportPath(name), before);
  };
  return {
    drop: write,
    // The same file written again (a new mtime, the same bytes): the watcher hands it over once more.
    redeliver: async (name) => write(name, await readFile(join(dir, "imports", name))),
    report: async (name) => JSON.parse(await readFile(reportPath(name), "utf8")),
    countOrders: async (customerId) => customerOrderCount(deps.orders, customerId),
    close: () => local.close(),
  };
});

describe("the local bucket", () => {
  let local: LocalApp | undefined;
  afterAll(async () => local?.close());

  it("does not hand a file over again after a restart", async () => {
    const started = await localBucket();
    local = started.local;
    const { dir, deps } = started;
    const line = JSON.stringify({ customerId: "cus_restart", currency: "EUR", items: [{ sku: "S", quantity: 1, unitPrice: 1 }] });
    await writeFile(join(dir, "imports", "once.jsonl"), `${line}\n`);
    await changed(join(dir, "reports", "once.jsonl.json"), undefined);
    expect(JSON.parse(await readFile(join(dir, "reports", "once.jsonl.json"), "utf8"))).toMatchObject({ created: 1 });
    await local.close();
    await rm(join(dir, "reports"), { recursive: true });

    local = await startLocalApp(app, () => ({ logger: silentLogger, services: async () => deps }), {
      SKYPORT_BUCKET_DIR: dir,
      SKYPORT_BUCKET_POLL_MS: "20",
      SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(readFile(join(dir, "reports", "once.jsonl.json"))).rejects.toThrow(/ENOENT/);
  });

  it("tries a file that keeps failing MAX_OBJECT_ATTEMPTS times, then gives it up to the dead-letter file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skyport-bucket-"));
    dirs.push(dir);
    let attempts = 0;
    const failing = defineApp({
      name: "imports",
      functions: {
        import: objectCreated("orders-imports", "imports/", () => async () => {
          attempts += 1;
          throw new Error("the store is down");
        }),
      },
    });
    const deadLetterFile = join(dir, "dead-letters.jsonl");
    const started = await startLocalApp(failing, () => ({ logger: silentLogger, services: async () => ({}) }), {
      SKYPORT_BUCKET_DIR: dir,
      SKYPORT_BUCKET_POLL_MS: "10",
      SKYPORT_DEAD_LETTER_FILE: deadLetterFile,
      SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
    });
    try {
      await writeFile(join(dir, "imports", "broken.jsonl"), "{}\n");
      const until = Date.now() + 5_000;
      while (attempts < MAX_OBJECT_ATTEMPTS && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      // Many more polls: none tries it again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(attempts).toBe(MAX_OBJECT_ATTEMPTS);
      // Given up, not lost: its event is where `npm run dead-letters` looks, once.
      const letters = readDeadLetters(deadLetterFile);
      expect(letters).toMatchObject([{ topic: "objects:orders-imports", reason: "attempts exhausted", message: { attempt: MAX_OBJECT_ATTEMPTS } }]);
      expect(JSON.parse(letters[0]!.message.body)).toEqual({ bucket: "orders-imports", name: "imports/broken.jsonl", size: 3 });
    } finally {
      await started.close();
    }
  });

  it("never reads or writes outside the folder", async () => {
    const bucket = folderObjects(join(tmpdir(), "skyport-bucket-none"))("orders-imports");
    await expect(bucket.read("../../etc/passwd")).rejects.toThrow(/leaves the bucket folder/);
    // A sibling folder whose name begins with the bucket's is outside it too.
    await expect(bucket.read("../skyport-bucket-none-sibling/x.jsonl")).rejects.toThrow(/leaves the bucket folder/);
    await expect(bucket.write("reports/../../x.json", "{}", "application/json")).rejects.toThrow(/leaves the bucket folder/);
  });
});
