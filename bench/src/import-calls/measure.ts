import { createHash } from "node:crypto";
import { type Documents, idempotencyCollection, objectCreated, silentLogger, systemClock } from "@skyport/core";
import { createOrderService, importOrders, ordersCollection, orderStoresOn, ulidIds, type OrderDeps } from "@skyport/core/orders";
import { countedDocuments, type CountedDocuments } from "../../../core/src/testing/counted-documents.js";
import { MemoryBucket } from "../../../core/src/testing/memory-bucket.js";

/** Before: each order through `POST /orders` with an Idempotency-Key, as the import did. After: the import as it is. */
export const IMPORT_PATHS = ["per order through POST /orders (before)", "the import (after)"] as const;
export type ImportPath = (typeof IMPORT_PATHS)[number];

/** The collection calls of one delivery of the file: all of them, by call, and per order of the file. */
export interface DeliveryCalls {
  calls: number;
  byCall: Record<string, number>;
  perOrder: number;
}

export interface ImportCallsRow {
  store: string;
  path: ImportPath;
  orders: number;
  /** The file's first delivery: every order created. */
  first: DeliveryCalls;
  /** The same file delivered again: every order found. */
  again: DeliveryCalls;
}

/** `npm run bench`'s store-calls-per-imported-order rows, with the run they come from (`--only=import-calls` measures them alone). */
export interface ImportCallsResult {
  command: string;
  startedAt: string;
  lines: number;
  rows: ImportCallsRow[];
}

/** What a delivery did with the file's valid orders. */
type Outcomes = { created: number; replayed: number };

const BUCKET = "bench-imports";
const FILE = "imports/orders.jsonl";
const context = { requestId: "bench-import-calls", cloud: "local", logger: silentLogger } as const;

/** `lines` JSONL lines, every 100th invalid (a lowercase currency), for customers of their own. */
export function importCallsFile(lines: number): { content: Buffer; orders: number } {
  const run = randomRun();
  const rows = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({
      customerId: `cus_${run}_${i % 50}`,
      currency: (i + 1) % 100 === 0 ? "eur" : "EUR",
      items: [{ sku: `SKU-${i}`, quantity: 1, unitPrice: 100 + i }],
    }),
  );
  return { content: Buffer.from(`${rows.join("\n")}\n`), orders: lines - Math.floor(lines / 100) };
}

const randomRun = () => createHash("sha256").update(`${process.pid}:${performance.now()}:${Math.random()}`).digest("hex").slice(0, 12);

/** The order service on the counted documents, as each store's app builds it. */
function depsOn(documents: Documents): OrderDeps {
  const { orders, idempotency } = orderStoresOn(documents);
  return { orders, idempotency, events: { publish: async () => {} }, clock: systemClock, ids: ulidIds(systemClock), retentionDays: 30, cleanupPageSize: 100 };
}

/**
 * Before, by hand: what the import did until it wrote through the store's create alone: each valid
 * line a `POST /orders` with its import Idempotency-Key (the same on every delivery), so each order
 * went through `createOrderIdempotently`: the key's claim, the order's create, the key's stored answer.
 */
async function perOrderThroughPostOrders(deps: OrderDeps, content: Buffer): Promise<Outcomes> {
  const service = createOrderService(deps);
  const contentHash = createHash("sha256").update(content).digest("hex");
  const outcomes = { created: 0, replayed: 0 };
  for (const [i, line] of content.toString("utf8").split("\n").entries()) {
    if (line === "") continue;
    const key = `import-${createHash("sha256")
      .update(JSON.stringify([BUCKET, FILE, contentHash, `line:${i + 1}`]))
      .digest("hex")}`;
    const response = await service.http(
      {
        method: "POST",
        path: "/orders",
        query: new URLSearchParams(),
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: Buffer.from(line),
      },
      context,
    );
    if (response.status >= 500) throw new Error(`POST /orders answered ${response.status}: ${response.body}`);
    if (response.status === 201) outcomes[response.headers["idempotent-replayed"] === "true" ? "replayed" : "created"] += 1;
  }
  return outcomes;
}

async function theImport(deps: OrderDeps, content: Buffer): Promise<Outcomes> {
  const bucket = new MemoryBucket(64 * 1024);
  bucket.objects.set(FILE, content);
  const handler = objectCreated(BUCKET, "imports/", (d: OrderDeps) => importOrders(d, { maxBytes: 100 * 1024 * 1024 })).bind(deps);
  return (await handler({ bucket: BUCKET, name: FILE }, bucket, context)) as Outcomes;
}

const DELIVER: Record<ImportPath, (deps: OrderDeps, content: Buffer) => Promise<Outcomes>> = {
  "per order through POST /orders (before)": perOrderThroughPostOrders,
  "the import (after)": theImport,
};

/** One delivery's calls; it must have made (`created`) or found (`replayed`) every order of the file: no figure for a path that does less. */
async function delivery(counted: CountedDocuments, deliver: () => Promise<Outcomes>, orders: number, expected: keyof Outcomes): Promise<DeliveryCalls> {
  const before = { calls: counted.calls, byCall: { ...counted.byCall } };
  const outcomes = await deliver();
  if (outcomes[expected] !== orders) throw new Error(`import calls bench: ${expected} ${outcomes[expected]} of ${orders} orders (${JSON.stringify(outcomes)})`);
  const calls = counted.calls - before.calls;
  const byCall = Object.fromEntries(
    Object.entries(counted.byCall)
      .map(([call, count]) => [call, count - before.byCall[call as keyof typeof before.byCall]] as const)
      .filter(([, count]) => count > 0),
  );
  return { calls, byCall, perOrder: calls / orders };
}

/** Both paths on one store's documents, each with a file of its own (new orders), delivered twice. */
export async function measureImportCallsOn(store: string, documents: Documents, lines: number): Promise<ImportCallsRow[]> {
  await documents.ensure([ordersCollection, idempotencyCollection]);
  const counted = countedDocuments(documents);
  const deps = depsOn(counted.documents);
  const rows: ImportCallsRow[] = [];
  for (const path of IMPORT_PATHS) {
    const { content, orders } = importCallsFile(lines);
    const deliver = () => DELIVER[path](deps, content);
    const first = await delivery(counted, deliver, orders, "created");
    const again = await delivery(counted, deliver, orders, "replayed");
    rows.push({ store, path, orders, first, again });
  }
  return rows;
}
