import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { orderStoresOn } from "@skyport/core/orders";
import { openSqliteDocuments } from "@skyport/sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { temporaryDirectory } from "./temporary-directory.js";

const bundle = fileURLToPath(new URL("../../dist/local/server.mjs", import.meta.url));
const dir = temporaryDirectory();
const children: ChildProcess[] = [];

/** The built local server (what `npm start` runs) in a process of its own, once it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bundle], { env: { PATH: process.env.PATH, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      const entry = JSON.parse(line);
      if (entry.message === "listening") resolve({ child, url: entry.url });
    });
    child.stderr!.on("data", (chunk) => lines.push(String(chunk)));
    child.once("exit", (code, signal) => reject(new Error(`server exited with ${code ?? signal}: ${lines.join("\n")}`)));
  });
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

const orderBody = JSON.stringify({ customerId: "cus_crash", items: [{ sku: "A", quantity: 1, unitPrice: 7 }], currency: "EUR" });

describe("the outbox on SQLite: an order that commits always announces itself", () => {
  it("confirms an order whose process was killed after the commit and before the publish, once a server starts again", async () => {
    const database = join(dir, "crash.db");
    const queues = join(dir, "crash-queues.db");
    // The first server reads its outbox at start only (the next read would be an hour away): nothing is published after the commit.
    const first = await startServer({ SKYPORT_SQLITE_PATH: database, SKYPORT_QUEUE_PATH: queues, SKYPORT_CHANGE_FEED_POLL_MS: "3600000" });
    const created = await fetch(`${first.url}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: orderBody });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const killed = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await killed;

    // Committed, not announced: the order is pending and its change waits in the outbox, in the same file.
    const file = orderStoresOn(openSqliteDocuments(database));
    try {
      expect(await file.orders.get(id)).toMatchObject({ status: "pending", version: 1 });
      expect((await file.changes!.pending("orders", 10)).map((c) => [c.key, c.operation])).toEqual([[id, "insert"]]);
    } finally {
      await file.close();
    }

    // The next start reads the outbox first: order.created is published and the order confirmed.
    const second = await startServer({ SKYPORT_SQLITE_PATH: database, SKYPORT_QUEUE_PATH: queues });
    let order: { status?: string; version?: number } = {};
    for (let tries = 0; tries < 100 && order.status !== "confirmed"; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      order = (await (await fetch(`${second.url}/orders/${id}`)).json()) as typeof order;
    }
    expect(order).toMatchObject({ status: "confirmed", version: 2 });
    const stopped = new Promise((resolve) => second.child.once("exit", resolve));
    second.child.kill("SIGTERM");
    await stopped;
    const after = orderStoresOn(openSqliteDocuments(database));
    try {
      // Both changes (the insert and the confirmation's update) were handed on and acknowledged.
      expect(await after.changes!.pending("orders", 10)).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
