import { existsSync } from "node:fs";
import { join } from "node:path";
import { heldRecord, idempotencyCollection, VersionConflict } from "@skyport/core";
import { orderAt, storeContract, uniqueCustomer } from "@skyport/core/orders/testing";
import { describe, expect, it } from "vitest";
import { openSqliteDocuments } from "../src/index.js";
import { openOrderStores } from "./order-stores.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();

storeContract("sqlite", async () => {
  const file = join(dir, "contract.db");
  const stores = await openOrderStores(file);
  // The records read back through a connection of their own, as another process would.
  const reader = openSqliteDocuments(file);
  return {
    ...stores,
    recordOf: (key, now) => heldRecord(reader.collection(idempotencyCollection), key, now),
    ttlExpiry: false,
    close: async () => {
      await reader.close();
      await stores.close();
    },
  };
});

describe("sqlite on a real file", () => {
  it("lets a second connection to the same file see committed writes", async () => {
    const file = join(dir, "shared.db");
    const [writer, reader] = await Promise.all([openOrderStores(file), openOrderStores(file)]);
    try {
      expect(existsSync(`${file}-wal`)).toBe(true);
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await writer.orders.create(order);
      expect(await reader.orders.get(order.id)).toEqual(order);

      const confirmed = { ...order, status: "confirmed" as const, version: 2 };
      await writer.orders.update(confirmed, 1);
      expect(await reader.orders.listByCustomer(order.customerId, { limit: 5 })).toEqual({ items: [confirmed], next: null });
      await expect(reader.orders.update({ ...order, version: 2 }, 1)).rejects.toBeInstanceOf(VersionConflict);

      const expiresAt = new Date(Date.now() + 60_000);
      expect(await writer.idempotency.begin("shared-key", "fp", expiresAt, new Date(), "ord_1")).toEqual({ started: true, resource: "ord_1" });
      expect(await reader.idempotency.begin("shared-key", "fp", expiresAt, new Date(), "ord_2")).toMatchObject({
        started: false,
        existing: { state: "in-flight", fingerprint: "fp", resource: "ord_1" },
      });
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it("keeps orders and idempotency records when the file is closed and opened again", async () => {
    const file = join(dir, "reopened.db");
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    const response = { status: 201, headers: { location: `/orders/${order.id}` }, body: JSON.stringify(order) };
    const expiresAt = new Date(Date.now() + 86_400_000);

    const first = await openOrderStores(file);
    await first.orders.create(order);
    await first.idempotency.begin("kept-key", "fp", expiresAt, new Date());
    await first.idempotency.complete("kept-key", response, expiresAt);
    await first.close();

    const again = await openOrderStores(file);
    try {
      expect(await again.orders.get(order.id)).toEqual(order);
      expect(await again.idempotency.begin("kept-key", "fp", expiresAt, new Date())).toEqual({
        started: false,
        existing: { key: "kept-key", fingerprint: "fp", state: "completed", response, expiresAt: expiresAt.toISOString() },
      });
    } finally {
      await again.close();
    }
  });
});
