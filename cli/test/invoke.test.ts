import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const events = mkdtempSync(join(tmpdir(), "skyport-invoke-"));
afterAll(() => rmSync(events, { recursive: true, force: true }));

/** `npm run invoke -- <function> [--event file]` at the repository's root, on the order app's memory store. */
async function invoke(name: string, event?: unknown) {
  const args = ["run", "--silent", "invoke", "--", name];
  if (event !== undefined) {
    const file = join(events, `${name}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(event));
    args.push("--event", file);
  }
  const env = { ...process.env, SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: "error", INIT_CWD: repo };
  const { stdout } = await promisify(execFile)("npm", args, { cwd: repo, env });
  return JSON.parse(stdout) as { result: Record<string, unknown>; published: { topic: string; event: Record<string, unknown> }[] };
}

describe("npm run invoke fires one function of the order app locally and prints its result", () => {
  it("an HTTP request: the response, and nothing published (the outbox announces the order)", async () => {
    const body = { customerId: "cus_invoke", items: [{ sku: "A", quantity: 2, unitPrice: 150 }], currency: "EUR" };
    const { result, published } = await invoke("api", { method: "POST", path: "/orders", body });
    expect(result).toMatchObject({ status: 201, body: { customerId: "cus_invoke", total: 300, status: "pending" } });
    expect(published).toEqual([]);
  });

  it("a batch of changes: the batch result, and order.created for the inserted order only", async () => {
    const order = { id: "ord_01JD0000000000000000000000", status: "pending", version: 1 };
    const { result, published } = await invoke("outbox", [
      { key: order.id, operation: "insert", document: order },
      { key: order.id, operation: "update", document: { ...order, status: "confirmed", version: 2 } },
    ]);
    expect(result).toEqual({ failed: [] });
    expect(published).toEqual([{ topic: "orders", event: { type: "order.created", orderId: order.id } }]);
  });

  it("a queue message: the batch result, a poison message failed alone", async () => {
    const { result } = await invoke("confirm", [{ type: "order.created", orderId: "ord_01JD0000000000000000000000" }, { type: "order.shipped" }]);
    expect(result).toEqual({ failed: [{ id: "invoke-2", retryable: false }] });
  });

  it("a schedule, now", async () => {
    const { result } = await invoke("cleanup");
    expect(result).toEqual({ deleted: 0, skipped: 0 });
  });

  it("refuses a function the app does not declare, naming the ones it has", async () => {
    await expect(invoke("refund")).rejects.toThrow(/app orders has no function "refund"; it has api, confirm, cleanup, ship, outbox, import/);
  });
});
