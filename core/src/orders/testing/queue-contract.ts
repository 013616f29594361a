import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderStore } from "../order-store.js";
import type { ContractMessage, DeliveryOutcome } from "../../testing/delivery.js";
import { orderAt, uniqueCustomer } from "./orders.js";

/** What the queue contract runs on: a runtime's queue consumer and the order store behind it. */
export interface QueueTarget {
  /** The store the consumer works on, to seed orders and read the result. */
  orders: OrderStore;
  /** Delivers the messages as one batch, or one by one where the cloud does so. */
  deliver(messages: ContractMessage[]): Promise<Record<string, DeliveryOutcome>>;
  close?(): Promise<void>;
}

let sequence = 0;
const messageId = () => `msg-${process.pid}-${Date.now()}-${++sequence}`;
const created = (orderId: string): ContractMessage => ({ id: messageId(), body: JSON.stringify({ type: "order.created", orderId }) });

/** order.created confirms; duplicates are harmless; a poison message fails alone. */
export function queueContract(name: string, factory: () => Promise<QueueTarget> | QueueTarget) {
  describe(`queue contract: ${name}`, () => {
    let target: QueueTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.close?.();
    });

    const seed = async (fields: Parameters<typeof orderAt>[1] = {}) => {
      const order = orderAt(new Date(), { customerId: uniqueCustomer(), ...fields });
      await target.orders.create(order);
      return order;
    };

    it("confirms the pending order an order.created message names", async () => {
      const order = await seed();
      const message = created(order.id);
      expect(await target.deliver([message])).toEqual({ [message.id]: "done" });
      expect(await target.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
    });

    it("treats a duplicate delivery as harmless, in separate batches and in one", async () => {
      const order = await seed();
      const [first, again] = [created(order.id), created(order.id)];
      await target.deliver([first]);
      expect(await target.deliver([{ ...first, attempt: 2 }])).toEqual({ [first.id]: "done" });
      expect(await target.deliver([again])).toEqual({ [again.id]: "done" });
      expect(await target.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });

      const twice = await seed();
      const [a, b] = [created(twice.id), created(twice.id)];
      expect(await target.deliver([a, b])).toEqual({ [a.id]: "done", [b.id]: "done" });
      expect(await target.orders.get(twice.id)).toMatchObject({ status: "confirmed", version: 2 });
    });

    it("leaves an order that moved on untouched", async () => {
      const cancelled = await seed({ status: "cancelled", version: 2 });
      const message = created(cancelled.id);
      expect(await target.deliver([message])).toEqual({ [message.id]: "done" });
      expect(await target.orders.get(cancelled.id)).toEqual(cancelled);
    });

    it("is done with a message whose order no longer exists", async () => {
      const message = created(orderAt(new Date()).id);
      expect(await target.deliver([message])).toEqual({ [message.id]: "done" });
    });

    it("fails a malformed or unknown message alone: the rest of the batch succeeds", async () => {
      const [a, b] = [await seed(), await seed()];
      const good = [created(a.id), created(b.id)];
      const poison: ContractMessage[] = [
        { id: messageId(), body: "{not json" },
        { id: messageId(), body: JSON.stringify({ type: "order.exploded", orderId: a.id }) },
        { id: messageId(), body: JSON.stringify({ type: "order.created" }) },
        { id: messageId(), body: JSON.stringify({ type: "order.created", orderId: "../../etc/passwd" }) },
        { id: messageId(), body: "null" },
      ];
      const outcomes = await target.deliver([good[0]!, ...poison, good[1]!]);
      expect(outcomes[good[0]!.id]).toBe("done");
      expect(outcomes[good[1]!.id]).toBe("done");
      for (const p of poison) expect(["retry", "dead-lettered"], p.body).toContain(outcomes[p.id]);
      expect(await target.orders.get(a.id)).toMatchObject({ status: "confirmed" });
      expect(await target.orders.get(b.id)).toMatchObject({ status: "confirmed" });
    });
  });
}
