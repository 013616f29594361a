import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { objectCreated, silentLogger, systemClock, type IdempotencyStore } from "@skyport/core";
import { importOrders, ulidIds, type Order, type OrderDeps, type OrderStore } from "@skyport/core/orders";
import { folderObjects } from "@skyport/local";

/**
 * One import of a file in this process, for `measureImport` (bench/src/import/index.ts), which
 * runs it in a child with a 512 MB function's heap and reads its peak RSS. The stores keep
 * nothing (a cloud's store holds the orders in its own service, not in the function): what is
 * measured is the function's own memory and time. `skyport`: the object function with core's
 * import; `hand`: what one would write by hand, readline and JSON.parse with checks of its own.
 */
const [mode, file] = process.argv.slice(2) as ["skyport" | "hand", string];
let created = 0;
const orders = {
  create: async (_order: Order) => {
    created += 1;
  },
} as unknown as OrderStore;
const idempotency: IdempotencyStore = {
  begin: async () => ({ started: true }),
  complete: async () => {},
  release: async () => {},
  reserved: async () => undefined,
};
const deps: OrderDeps = {
  orders,
  idempotency,
  events: { publish: async () => {} },
  clock: systemClock,
  ids: ulidIds(systemClock),
  retentionDays: 30,
  cleanupPageSize: 100,
};

const started = performance.now();
let rejected = 0;
if (mode === "skyport") {
  const bucketDir = dirname(dirname(file));
  const handler = objectCreated("bench-imports", "imports/", (d: OrderDeps) => importOrders(d, { maxBytes: 200 * 1024 * 1024 })).bind(deps);
  const report = (await handler({ bucket: "bench-imports", name: join("imports", "orders.jsonl") }, folderObjects(bucketDir)("bench-imports"), {
    requestId: "bench",
    cloud: "local",
    logger: silentLogger,
  })) as { rejected: unknown[] };
  rejected = report.rejected.length;
} else {
  const ids = ulidIds(systemClock);
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === "") continue;
    let body: { customerId?: unknown; currency?: unknown; items?: { sku?: unknown; quantity?: unknown; unitPrice?: unknown }[] };
    try {
      body = JSON.parse(line);
    } catch {
      rejected += 1;
      continue;
    }
    const items = Array.isArray(body?.items) ? body.items : [];
    const valid =
      typeof body?.customerId === "string" &&
      /^[A-Za-z0-9_-]{1,64}$/.test(body.customerId) &&
      typeof body.currency === "string" &&
      /^[A-Z]{3}$/.test(body.currency) &&
      items.length >= 1 &&
      items.length <= 100 &&
      items.every((i) => typeof i.sku === "string" && Number.isInteger(i.quantity) && Number.isInteger(i.unitPrice));
    if (!valid) {
      rejected += 1;
      continue;
    }
    const now = new Date().toISOString();
    await orders.create({
      id: ids.orderId(),
      customerId: body.customerId,
      currency: body.currency,
      items,
      status: "pending",
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as unknown as Order);
  }
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ mode, created, rejected, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
