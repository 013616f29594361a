import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import type { OrderStore } from "../order-store.js";
import { orderAt, uniqueCustomer } from "./orders.js";

/** A record as a producer puts it on the stream: the runtime gives it its position. */
export interface ContractRecord {
  key: string;
  data: string;
}

/**
 * What the runtime made of each record of the batch, by index: done (applied or nothing to do),
 * retry (reported failed, so the stream delivers it again in order), or dead-lettered (in the
 * runtime's dead-letter destination now).
 */
export type RecordOutcome = "done" | "retry" | "dead-lettered";

/** What the stream contract runs on: a runtime's stream consumer and the order store behind it. */
export interface StreamTarget {
  orders: OrderStore;
  /** Puts the records on the stream in this order, lets the function take them, and reports each one's outcome. */
  deliver(records: ContractRecord[]): Promise<RecordOutcome[]>;
  /**
   * True where the runtime moves on whatever the outcome (Event Hubs, the local stream): it
   * retries within the invocation and dead-letters what still fails, so a record that keeps
   * failing ends dead-lettered instead of reported for redelivery.
   */
  redeliversItself: boolean;
  close?(): Promise<void>;
}

/** The shipments stream's record that marks this order shipped, keyed by the order's id. */
export const shipmentRecord = (order: Order, shipmentId: string): ContractRecord => ({
  key: order.id,
  data: JSON.stringify({
    type: "shipment.dispatched",
    orderId: order.id,
    shipmentId,
    carrier: "DHL Express",
    trackingNumber: `JD0${shipmentId.replace(/\D/g, "")}`,
    dispatchedAt: "2026-11-27T09:30:00.000Z",
  }),
});

/**
 * Issue 13's "done when": one batch over 10 confirmed orders (each dispatched more than once),
 * one invalid record and one record for a pending order (followed by two more of that key: an
 * invalid one, and the shipment of another confirmed order, which shows whether it was applied)
 * ships each order exactly once; the invalid record is dead-lettered and its key goes on; the
 * pending key's records fail and are not applied. Delivering the batch again changes nothing.
 */
export function streamContract(name: string, factory: () => Promise<StreamTarget> | StreamTarget) {
  describe(`stream contract: ${name}`, () => {
    let target: StreamTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.close?.();
    });

    it("ships each confirmed order once, dead-letters the invalid record, holds back the pending order's key; again, nothing changes", async () => {
      const customerId = uniqueCustomer();
      const confirmed = Array.from({ length: 10 }, (_, i) => orderAt(new Date(Date.now() - i), { customerId, status: "confirmed", version: 2 }));
      const pending = orderAt(new Date(), { customerId });
      // A confirmed order whose shipment is put under the pending order's key: applied only if the key is not held back.
      const behindPending = orderAt(new Date(), { customerId, status: "confirmed", version: 2 });
      for (const order of [...confirmed, pending, behindPending]) await target.orders.create(order);

      const invalid = { key: confirmed[0]!.id, data: JSON.stringify({ type: "shipment.dispatched", orderId: confirmed[0]!.id, carrier: "" }) };
      const records: ContractRecord[] = [
        invalid, // first on its key: the key's shipments after it still apply
        shipmentRecord(pending, "shp-pending-1"),
        ...confirmed.map((order, i) => shipmentRecord(order, `shp-${i}`)),
        { key: pending.id, data: "{not json" }, // the pending key's later record: held back, not dead-lettered
        { key: pending.id, data: shipmentRecord(behindPending, "shp-behind").data }, // and this one held back, not applied
        ...confirmed.map((order, i) => shipmentRecord(order, `shp-${i}`)),
        ...confirmed.slice(0, 3).map((order, i) => shipmentRecord(order, `shp-${i}`)),
      ];
      const pendingIndexes = [1, 12, 13];
      const stuck: RecordOutcome = target.redeliversItself ? "dead-lettered" : "retry";
      const expected = records.map((_, i) => (i === 0 ? "dead-lettered" : pendingIndexes.includes(i) ? stuck : "done"));

      expect(await target.deliver(records)).toEqual(expected);
      for (const [i, order] of confirmed.entries()) {
        expect(await target.orders.get(order.id)).toMatchObject({
          status: "shipped",
          version: 3,
          shipment: { shipmentId: `shp-${i}`, carrier: "DHL Express", trackingNumber: `JD0${i}`, dispatchedAt: "2026-11-27T09:30:00.000Z" },
        });
      }
      expect(await target.orders.get(pending.id)).toEqual(pending);
      expect(await target.orders.get(behindPending.id)).toEqual(behindPending);

      const before = await Promise.all(confirmed.map((order) => target.orders.get(order.id)));
      expect(await target.deliver(records)).toEqual(expected);
      expect(await Promise.all(confirmed.map((order) => target.orders.get(order.id)))).toEqual(before);
      expect(await target.orders.get(pending.id)).toEqual(pending);
      expect(await target.orders.get(behindPending.id)).toEqual(behindPending);
    });

    it("dead-letters a record for an unknown, cancelled or otherwise shipped order at once, and ships the confirmed order of the same batch", async () => {
      const customerId = uniqueCustomer();
      const cancelled = orderAt(new Date(), { customerId, status: "cancelled", version: 2 });
      const ready = orderAt(new Date(), { customerId, status: "confirmed", version: 2 });
      const shipment = { shipmentId: "shp-first", carrier: "UPS", trackingNumber: "1Z999", dispatchedAt: "2026-11-26T08:00:00Z" };
      const shipped = orderAt(new Date(), { customerId, status: "shipped", version: 3, shipment });
      for (const order of [cancelled, ready, shipped]) await target.orders.create(order);
      const unknown = orderAt(new Date(), { customerId });
      const batch = [
        shipmentRecord(unknown, "shp-u"),
        shipmentRecord(cancelled, "shp-c"),
        shipmentRecord(shipped, "shp-other"),
        shipmentRecord(ready, "shp-r"),
      ];
      expect(await target.deliver(batch)).toEqual(["dead-lettered", "dead-lettered", "dead-lettered", "done"]);
      expect(await target.orders.get(cancelled.id)).toEqual(cancelled);
      expect(await target.orders.get(shipped.id)).toEqual(shipped);
      expect(await target.orders.get(ready.id)).toMatchObject({ status: "shipped", shipment: { shipmentId: "shp-r" } });
    });
  });
}
