import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ORDER_STATUSES, type Order, orderStoresOn } from "@skyport/core/orders";
import { readDeadLetters } from "@skyport/local";
import { openSqliteDocuments } from "@skyport/sqlite";
import type { History } from "./history.js";
import type { ServerFiles } from "./server-process.js";

/** The rules a history must keep (issue #28): each names what it found wrong, one line per anomaly. */
export const RULES = {
  answeredOrderExistsOnce: "every order answered 201 exists exactly once",
  everyKeyAnswered: "every key got a final 201 once the server settled",
  keyMadeOneOrder: "no idempotency key made two orders (nor answered two ids)",
  committedConfirmed: "every committed order was announced and confirmed",
  importReportsMatch: "every import report matches the orders it created",
  shipmentsAppliedOnce: "every shipment applied once",
  onlyPoisonDeadLettered: "only poison is dead-lettered, and all of it",
} as const;

export type Rule = keyof typeof RULES;
export type Anomalies = Record<Rule, string[]>;

/** Every order in the SQLite file, read through the order store, status by status. */
async function allOrders(database: string): Promise<Order[]> {
  const stores = orderStoresOn(openSqliteDocuments(database));
  try {
    const orders: Order[] = [];
    for (const status of ORDER_STATUSES) {
      let after: string | undefined;
      do {
        const page = await stores.orders.listByStatus({ status, limit: 100, after });
        orders.push(...page.items);
        after = page.next ?? undefined;
      } while (after);
    }
    return orders;
  } finally {
    await stores.close?.();
  }
}

/** Reads the server's files (the SQLite store, the dead-letter file, the import reports) and checks the history against them. */
export async function checkHistory(history: History, files: ServerFiles): Promise<{ anomalies: Anomalies; orders: number }> {
  const anomalies = Object.fromEntries(Object.keys(RULES).map((rule) => [rule, []])) as unknown as Anomalies;
  const orders = await allOrders(files.database);
  const byId = new Map(orders.map((order) => [order.id, order]));
  // Each key's and each import row's order has a sku of its own: orders of one sku are one key's.
  const bySku = new Map<string, Order[]>();
  for (const order of orders) bySku.set(order.items[0]!.sku, [...(bySku.get(order.items[0]!.sku) ?? []), order]);

  for (const key of history.keys) {
    const made = bySku.get(key.sku) ?? [];
    if (made.length > 1) anomalies.keyMadeOneOrder.push(`${key.key}: ${made.length} orders (${made.map((o) => o.id).join(", ")})`);
    if (new Set(key.ids).size > 1) anomalies.keyMadeOneOrder.push(`${key.key}: answered ${[...new Set(key.ids)].join(" and ")}`);
    for (const id of new Set(key.ids)) {
      if (!byId.has(id) || made.length !== 1) anomalies.answeredOrderExistsOnce.push(`${key.key}: answered ${id}, the store has ${made.length} of its orders`);
    }
    if (key.ids.length === 0) anomalies.everyKeyAnswered.push(`${key.key}: answers ${key.answers.join(", ")}`);
  }

  for (const order of orders) {
    if (order.status !== "confirmed" && order.status !== "shipped")
      anomalies.committedConfirmed.push(`${order.id} (${order.items[0]!.sku}) is ${order.status}`);
  }

  for (const file of history.imports) {
    const report = JSON.parse(await readFile(join(files.bucket, "reports", `${file.object.slice("imports/".length)}.json`), "utf8").catch(() => "null")) as {
      created?: number;
      replayed?: number;
      rejected?: { orderRef?: string }[];
      error?: string;
    } | null;
    const made = (ref: string) => (bySku.get(ref) ?? []).filter((order) => order.customerId === file.customerId).length;
    if (!report) anomalies.importReportsMatch.push(`${file.object}: no report`);
    else if (report.error) anomalies.importReportsMatch.push(`${file.object}: rejected whole: ${report.error}`);
    else {
      if ((report.created ?? 0) + (report.replayed ?? 0) !== file.refs.length)
        anomalies.importReportsMatch.push(`${file.object}: created ${report.created} + replayed ${report.replayed}, ${file.refs.length} orders in the file`);
      const rejected = (report.rejected ?? []).map((r) => r.orderRef);
      if (rejected.length !== 1 || rejected[0] !== file.invalidRef) anomalies.importReportsMatch.push(`${file.object}: rejected ${JSON.stringify(rejected)}`);
    }
    for (const ref of file.refs) if (made(ref) !== 1) anomalies.importReportsMatch.push(`${file.object}: ${made(ref)} orders for ${ref}`);
    if (made(file.invalidRef) !== 0) anomalies.importReportsMatch.push(`${file.object}: the invalid ${file.invalidRef} made an order`);
  }

  for (const { orderId, shipmentId } of history.shipments) {
    const order = byId.get(orderId);
    if (order?.status !== "shipped" || order.shipment?.shipmentId !== shipmentId || order.version !== 3)
      anomalies.shipmentsAppliedOnce.push(
        `${orderId}: ${order?.status} version ${order?.version} shipment ${order?.shipment?.shipmentId}, expected ${shipmentId}`,
      );
  }

  const poison = new Set(history.poison.map((p) => p.shipmentId));
  const lettered = new Set<string>();
  for (const letter of readDeadLetters(files.deadLetters)) {
    const shipmentId = letter.topic === "shipments" ? (JSON.parse(letter.message.body) as { shipmentId?: string }).shipmentId : undefined;
    if (shipmentId && poison.has(shipmentId)) lettered.add(shipmentId);
    else anomalies.onlyPoisonDeadLettered.push(`${letter.topic} ${letter.reason}: ${letter.message.body.slice(0, 160)}`);
  }
  for (const shipmentId of poison) if (!lettered.has(shipmentId)) anomalies.onlyPoisonDeadLettered.push(`${shipmentId}: poison, not dead-lettered`);

  return { anomalies, orders: orders.length };
}
