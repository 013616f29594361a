import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import { FUZZ_RUNS, FUZZ_SEED } from "./hostile-input-contract.js";
import { orderAt, uniqueCustomer } from "./orders.js";
import type { QueueTarget } from "./queue-contract.js";

/** Message bodies that can never be a valid order.created. */
function hostileBody(existingOrderId: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b).toString("latin1")),
    fc.integer({ min: 1000, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
    fc
      .record({ type: fc.oneof(fc.string(), fc.anything()), orderId: fc.constant(existingOrderId) })
      .filter((m) => m.type !== "order.created")
      .map((m) => JSON.stringify(m)),
    fc
      .oneof(fc.string(), fc.anything(), fc.constantFrom("../../etc/passwd", "ord_", `${existingOrderId}/x`, `${existingOrderId}\u0000`))
      .map((orderId) => JSON.stringify({ type: "order.created", orderId }) ?? "{}"),
    fc.constantFrom(
      `{"__proto__":{"polluted":true},"type":"order.created","orderId":"x"}`,
      `{"constructor":{"prototype":{"polluted":true}},"type":"order.created"}`,
    ),
  );
}

/** Hostile messages through a queue runtime: each fails alone, nothing crashes, nothing changes. */
export function hostileMessagesContract(name: string, factory: () => Promise<QueueTarget> | QueueTarget) {
  describe(`hostile messages: ${name}`, () => {
    let target: QueueTarget;
    let existing: Order;
    beforeAll(async () => {
      target = await factory();
      existing = orderAt(new Date(), { customerId: uniqueCustomer("fuzz") });
      await target.orders.create(existing);
    });
    afterAll(async () => {
      await target?.close?.();
    });

    it(`fails ${FUZZ_RUNS} generated malformed messages, each alone (seed ${FUZZ_SEED})`, async () => {
      let sequence = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(hostileBody(existing.id), { minLength: 1, maxLength: 3 }), async (bodies) => {
          const messages = bodies.map((body) => ({ id: `fuzz-${++sequence}`, body }));
          const outcomes = await target.deliver(messages);
          for (const m of messages) expect(["retry", "dead-lettered"], m.body.slice(0, 200)).toContain(outcomes[m.id]);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
      expect(await target.orders.get(existing.id)).toEqual(existing);
    }, 240_000);
  });
}
