import { createServer } from "node:http";
import { pino } from "pino";
import { randomUUID } from "node:crypto";
import { ensuredDocuments, idempotencyCollection } from "@skyport/core";
import { orderStoresOn, ordersCollection, type Order } from "@skyport/core/orders";
import { sqliteDocuments } from "@skyport/sqlite";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/orders/ids.js";
import { route } from "../hand-written/aws-lambda.js";

// A raw node:http server doing the local server's work by hand, on the same SQLite store: POST
// /orders commits the order (SQLite's trigger writes its outbox row in the same transaction), a
// poll of the outbox announces each new order in process and deletes what it read, and the queue
// confirms the order afterwards: the guarantee Skyport's outbox function gives, without the framework.
const env = process.env;
const { orders, changes } = orderStoresOn(await ensuredDocuments(sqliteDocuments(env), [ordersCollection, idempotencyCollection]));
const confirm = async (orderId: string) => {
  const order = await orders.get(orderId);
  if (order?.status !== "pending") return;
  const confirmed: Order = { ...order, status: "confirmed", updatedAt: new Date().toISOString(), version: order.version + 1 };
  await orders.update(confirmed, order.version).catch(() => {});
};
/** Reads the outbox as the local server does (100 rows a read, again at once while rows come, else after 100 ms). */
async function drainOutbox(): Promise<void> {
  const rows = await changes!.pending("orders", 100);
  for (const row of rows) if (row.operation === "insert") setTimeout(() => void confirm(row.key), 0);
  await changes!.acknowledge(rows.map((row) => row.id));
  setTimeout(() => void drainOutbox(), rows.length ? 0 : 100).unref();
}
const deps = {
  orders,
  ids: ulidIds(systemClock),
  // At warn, as the local server runs here: pino drops the info lines; the local runtime records no metrics.
  observe: { log: pino({ level: "warn" }), metric() {} },
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const body = chunks.length ? Buffer.concat(chunks).toString("utf8") : undefined;
    const headers = req.headers as Record<string, string | undefined>;
    const response = await route(deps, req.method ?? "GET", q === -1 ? url : url.slice(0, q), headers, body, randomUUID());
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  });
});
server.listen(Number(env.PORT), "127.0.0.1");
void drainOutbox();
// An exit rather than death by the signal, as the local server's: node --cpu-prof writes its profile at exit (npm run profile:local).
process.on("SIGTERM", () => process.exit(0));
