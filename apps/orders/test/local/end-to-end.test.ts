import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { orderStoresOn, type Order } from "@skyport/core/orders";
import { customerOrderCount, orderAt, shipmentRecord, uniqueCustomer } from "@skyport/core/orders/testing";
import { openSqliteDocuments } from "@skyport/sqlite";
import { afterAll, describe, expect, it, vi } from "vitest";
import { temporaryDirectory } from "./temporary-directory.js";

/**
 * Issue 28, item 1 on the local server: the built server (dist/local/server.mjs), as `npm start`
 * runs it, on a temporary SQLite file. An order POSTed over HTTP is announced by the outbox and
 * confirmed through the queue file; a shipment record put on the `shipments` stream from outside
 * (`skyport put-records`) ships it; a file dropped in the bucket folder's imports/ makes its orders
 * and its report. The effects are read back from the SQLite file, and from the server's log lines.
 */
const appDir = fileURLToPath(new URL("../..", import.meta.url));
const dir = temporaryDirectory();
const bucket = join(dir, "bucket");
const env = {
  PATH: process.env.PATH,
  PORT: "0",
  SKYPORT_SQLITE_PATH: join(dir, "orders.db"),
  SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
  SKYPORT_DEAD_LETTER_FILE: join(dir, "dead-letters.jsonl"),
  SKYPORT_BUCKET_DIR: bucket,
  SKYPORT_BUCKET_POLL_MS: "50",
  SKYPORT_LOG_LEVEL: "info",
};

const server = spawn(process.execPath, [join(appDir, "dist/local/server.mjs")], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
const logs: { message: string; orderId?: string; object?: string }[] = [];
const url = await new Promise<string>((resolve, reject) => {
  const output: string[] = [];
  createInterface({ input: server.stdout! }).on("line", (line) => {
    output.push(line);
    const entry = JSON.parse(line);
    logs.push(entry);
    if (entry.message === "listening") resolve(entry.url);
  });
  server.stderr!.on("data", (chunk) => output.push(String(chunk)));
  server.once("exit", (code) => reject(new Error(`the server exited with ${code}: ${output.join("\n")}`)));
});
const peer = orderStoresOn(openSqliteDocuments(env.SKYPORT_SQLITE_PATH));
afterAll(async () => {
  server.kill("SIGTERM");
  await peer.close();
});

/** Waits for the server to have done it: polls, failing after a generous while (no timing is asserted). */
const eventually = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 15_000, interval: 50 });
const logged = (message: string, orderId: string) => logs.filter((entry) => entry.message === message && entry.orderId === orderId).length;
const orderBody = (customerId: string, sku = "SKU-1") => ({ customerId, items: [{ sku, quantity: 2, unitPrice: 1999 }], currency: "EUR" });
const deadLetters = async () => (await readFile(env.SKYPORT_DEAD_LETTER_FILE, "utf8").catch(() => "")).split("\n").filter(Boolean);

/** The skyport CLI in the app's folder, on the server's files, as an operator runs it beside the server. */
const skyport = async (...args: string[]) =>
  (await promisify(execFile)(process.execPath, [join(appDir, "../../cli/bin/skyport.mjs"), ...args], { cwd: appDir, env: { ...process.env, ...env } })).stdout;

/** `skyport put-records shipments <file>`: a warehouse outside the server puts its records in the queue file. */
async function putShipments(records: { key: string; data: string }[]) {
  const file = join(dir, `shipments-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(records.map(({ key, data }) => ({ partitionKey: key, data: JSON.parse(data) }))));
  await skyport("put-records", "shipments", file);
}

describe("the built local server on SQLite: HTTP, its outbox and queue, a stream put from outside, the bucket folder", () => {
  const customer = uniqueCustomer("cus_local_e2e");
  let order: Order;

  it("creates an order over HTTP; the outbox announces it once and the queue confirms it once", async () => {
    const created = await fetch(`${url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(orderBody(customer)),
    });
    expect(created.status).toBe(201);
    order = (await created.json()) as Order;

    await eventually(async () => expect(await peer.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 }));
    // The server logs each step after it: its lines may come after the store shows the effect.
    await eventually(async () => expect([logged("order.created published", order.id), logged("order confirmed", order.id)]).toEqual([1, 1]));
  });

  it("ships it by a record put on the shipments stream from outside, once though put twice; an unknown order's record is dead-lettered", async () => {
    const record = shipmentRecord(order, "shp-local-e2e");
    const unknown = shipmentRecord({ ...order, id: "ord_01JDAAAAAAAAAAAAAAAAAAAAAA" }, "shp-local-unknown");
    await putShipments([record, unknown]);
    await eventually(async () => expect(await deadLetters()).toHaveLength(1));
    expect(JSON.parse((await deadLetters())[0]!)).toMatchObject({ reason: "poison" });
    const shipment = JSON.parse(record.data) as Record<string, unknown>;
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3, shipment: { shipmentId: shipment.shipmentId } });

    await putShipments([record]);
    await eventually(async () => expect(logs.filter((entry) => entry.message === "shipment already applied" && entry.orderId === order.id)).toHaveLength(1));
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3 });
    expect(logged("order shipped", order.id)).toBe(1);
  });

  it("imports a file dropped in the bucket's imports/ once, though dropped twice, writes its report, and announces and confirms its orders", async () => {
    const importing = uniqueCustomer("cus_local_e2e_import");
    const lines = [orderBody(importing, "SKU-A"), { customerId: importing, items: [], currency: "EUR" }, orderBody(importing, "SKU-B")];
    const name = `${importing}.jsonl`;
    const content = `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
    const report = async () => JSON.parse(await readFile(join(bucket, "reports", `${name}.json`), "utf8"));
    await mkdir(join(bucket, "imports"), { recursive: true });

    await writeFile(join(bucket, "imports", name), content);
    await eventually(async () => expect(await report()).toMatchObject({ object: `imports/${name}`, created: 2, replayed: 0, rejected: [{ line: 2 }] }));
    await writeFile(join(bucket, "imports", name), content);
    await eventually(async () => expect(await report()).toMatchObject({ created: 0, replayed: 2, rejected: [{ line: 2 }] }));
    expect(await customerOrderCount(peer.orders, importing)).toBe(2);

    const imported = async () => (await peer.orders.listByCustomer(importing, { limit: 10 })).items;
    await eventually(async () =>
      expect((await imported()).map((each) => [each.status, each.version])).toEqual([
        ["confirmed", 2],
        ["confirmed", 2],
      ]),
    );
    for (const each of await imported()) {
      await eventually(async () => expect([logged("order.created published", each.id), logged("order confirmed", each.id)]).toEqual([1, 1]));
    }
    // Nothing announced, confirmed or shipped twice since; nothing dead-lettered but the unknown order's shipment.
    expect([logged("order.created published", order.id), logged("order confirmed", order.id), logged("order shipped", order.id)]).toEqual([1, 1, 1]);
    expect(await deadLetters()).toHaveLength(1);
  });

  it("cleanup, run on the SQLite file with skyport invoke, deletes the cancelled order and the stale pending one, and keeps the rest", async () => {
    // The server stopped first: its outbox would confirm the stale pending order before the cleanup ran.
    server.kill("SIGTERM");
    if (server.exitCode === null) await once(server, "exit");
    const cancelled = orderAt(new Date(), { customerId: customer, status: "cancelled" });
    const stale = orderAt(new Date(Date.now() - 400 * 24 * 60 * 60 * 1000), { customerId: customer });
    for (const seeded of [cancelled, stale]) await peer.orders.create(seeded);

    expect(JSON.parse(await skyport("invoke", "cleanup"))).toMatchObject({ result: { deleted: 2, skipped: 0 } });
    expect(await peer.orders.get(cancelled.id)).toBeNull();
    expect(await peer.orders.get(stale.id)).toBeNull();
    expect(await peer.orders.get(order.id)).toMatchObject({ status: "shipped", version: 3 });
    expect(await customerOrderCount(peer.orders, customer)).toBe(1);
  });
});
