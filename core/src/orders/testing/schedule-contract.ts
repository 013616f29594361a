import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import type { OrderStore } from "../order-store.js";
import { ordersFor, uniqueCustomer } from "./orders.js";

/** What the schedule contract runs on: a runtime's cleanup function and its own order store. */
export interface ScheduleTarget {
  /**
   * A store of the target's own: the cleanup deletes every cancelled order it finds, so it must
   * not share a table with suites that keep cancelled orders.
   */
  orders: OrderStore;
  /** Fires the scheduled cleanup the way the cloud's scheduler does. */
  tick(): Promise<void>;
  retentionDays: number;
  /** The cleanup's page size (SKYPORT_CLEANUP_PAGE_SIZE): the suite seeds several pages. */
  cleanupPageSize: number;
  close?(): Promise<void>;
}

const DAY = 86_400_000;

/** The cleanup deletes cancelled orders and stale pending ones, however many pages they fill. */
export function scheduleContract(name: string, factory: () => Promise<ScheduleTarget> | ScheduleTarget) {
  describe(`schedule contract: ${name}`, () => {
    let target: ScheduleTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.close?.();
    });
    const remaining = async (orders: Order[]) => (await Promise.all(orders.map((o) => target.orders.get(o.id)))).filter(Boolean);

    it("deletes cancelled and stale pending orders, page after page, and keeps the rest", async () => {
      const customer = uniqueCustomer();
      const pages = target.cleanupPageSize;
      const stale = new Date(Date.now() - (target.retentionDays + 1) * DAY);
      const fresh = new Date(Date.now() - (target.retentionDays - 1) * DAY);
      const doomed = [...ordersFor(customer, pages * 2 + 3, { status: "cancelled" }), ...ordersFor(customer, pages + 2, { status: "pending" }, stale)];
      const kept = [
        ...ordersFor(customer, 2, { status: "pending" }, fresh),
        ...ordersFor(customer, 2, { status: "confirmed" }, stale),
        ...ordersFor(customer, 2, { status: "shipped" }, stale),
      ];
      for (const o of [...doomed, ...kept]) await target.orders.create(o);

      await target.tick();

      expect(await remaining(doomed)).toEqual([]);
      expect(await remaining(kept)).toEqual(kept);
    });

    it("has nothing left to do on a second run, and keeps what it kept", async () => {
      const customer = uniqueCustomer();
      const doomed = ordersFor(customer, 3, { status: "cancelled" });
      const kept = ordersFor(customer, 2, { status: "confirmed" }, new Date(Date.now() - (target.retentionDays + 1) * DAY));
      for (const o of [...doomed, ...kept]) await target.orders.create(o);

      await target.tick();
      expect(await remaining(doomed)).toEqual([]);
      await target.tick();

      expect(await remaining(kept)).toEqual(kept);
      expect((await target.orders.listByStatus({ status: "cancelled", limit: 1 })).items).toEqual([]);
    });
  });
}
