import { createServer } from "node:http";
import { pino } from "pino";
import { randomUUID } from "node:crypto";
import type { Order, QueueEvent } from "@skyport/core";
import { sqliteStores } from "@skyport/sqlite";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/ports/ids.js";
import { route } from "../hand-written/aws-lambda.js";

// A raw node:http server doing the local server's work by hand, on the same SQLite store: POST
// /orders creates the order and queues order.created in process; the queue confirms it afterwards.
const env = process.env;
const { orders } = sqliteStores(env);
const confirm = async (orderId: string) => {
  const order = await orders.get(orderId);
  if (order?.status !== "pending") return;
  const confirmed: Order = { ...order, status: "confirmed", updatedAt: new Date().toISOString(), version: order.version + 1 };
  await orders.update(confirmed, order.version).catch(() => {});
};
const deps = {
  orders,
  ids: ulidIds(systemClock),
  events: { publish: async (event: QueueEvent) => void setTimeout(() => void confirm(String(event.orderId)), 0) },
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
