import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { openQueueFile } from "@skyport/local";
import { afterAll, describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(join(tmpdir(), "skyport-put-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const put = (queues: string, ...args: string[]) =>
  promisify(execFile)("npm", ["run", "--silent", "put-records", "--", ...args], {
    cwd: repo,
    env: { ...process.env, INIT_CWD: repo, SKYPORT_QUEUE_PATH: queues },
  });

describe("npm run put-records puts records on a local stream from outside the server", () => {
  it("keeps them in the queue file, in order, as the server's stream reads them", async () => {
    const queues = join(dir, "queues.db");
    const records = join(dir, "records.json");
    writeFileSync(
      records,
      JSON.stringify([
        { partitionKey: "ord_1", data: { type: "shipment.dispatched" } },
        { partitionKey: "ord_2", data: "text" },
      ]),
    );
    const { stdout } = await put(queues, "shipments", records);
    expect(stdout).toContain(`put 2 record(s) on shipments in ${queues}`);
    const file = openQueueFile(queues);
    try {
      expect(file.records("shipments").map(({ key, data, attempt }) => ({ key, data, attempt }))).toEqual([
        { key: "ord_1", data: '{"type":"shipment.dispatched"}', attempt: 1 },
        { key: "ord_2", data: "text", attempt: 1 },
      ]);
    } finally {
      file.close();
    }
  });

  it("refuses records without a partition key, and puts none", async () => {
    const queues = join(dir, "refused.db");
    const records = join(dir, "refused.json");
    writeFileSync(records, JSON.stringify([{ partitionKey: "ord_1", data: {} }, { data: {} }]));
    await expect(put(queues, "shipments", records)).rejects.toMatchObject({ stderr: expect.stringContaining('[{"partitionKey": "...", "data": {...}}, ...]') });
    const file = openQueueFile(queues);
    try {
      expect(file.records("shipments")).toEqual([]);
    } finally {
      file.close();
    }
  });
});
