import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import type { OrderStore } from "../order-store.js";
import type { HttpTarget } from "../../testing/http-target.js";
import { FUZZ_CUSTOMERS, hostileRequests } from "./hostile-requests.js";
import { LEAK_PATTERN } from "../../testing/leaks.js";
import { expectAnyProblemResponse } from "../../testing/problems.js";

/** What the hostile input contract runs on: a target, the store behind it, and the names that must never leak. */
export interface HostileTarget extends HttpTarget {
  /** The store behind the target, to prove that no hostile request changed it. */
  orders: OrderStore;
  /** Names that must never reach a client: table, container, project, credentials. */
  secrets?: string[];
}

/** Seeded, so a failure reproduces: SKYPORT_FUZZ_SEED=<seed> replays a run. */
export const FUZZ_SEED = Number(process.env.SKYPORT_FUZZ_SEED ?? 20261126);
/** How many generated requests each fuzz property sends (SKYPORT_FUZZ_RUNS, 1000 by default). */
export const FUZZ_RUNS = Number(process.env.SKYPORT_FUZZ_RUNS ?? 1000);

/** Hostile input through a runtime: always a 4xx problem+json of a kind the contract names, never a 5xx, a leak or a change. */
export function hostileInputContract(name: string, factory: () => Promise<HostileTarget> | HostileTarget) {
  describe(`hostile input: ${name}`, () => {
    let target: HostileTarget;
    let existing: Order;
    beforeAll(async () => {
      target = await factory();
      const created = await target.send({
        method: "POST",
        path: "/orders",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customerId: "cus_fuzz_owner", items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" }),
      });
      existing = JSON.parse(created.body) as Order;
      await target.settle?.();
      existing = (await target.orders.get(existing.id))!;
    });
    afterAll(async () => {
      await target?.close?.();
    });

    it(`answers ${FUZZ_RUNS} generated hostile requests with a clean 4xx and changes nothing (seed ${FUZZ_SEED})`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileRequests(existing.id), async ({ request, mustFail }) => {
          const response = await target.send(request);
          expect(response.status, `${request.method} ${request.path}: ${response.body}`).toBeLessThan(500);
          if (mustFail) expect(response.status, `${request.method} ${request.path}`).toBeGreaterThanOrEqual(400);
          expect(response.headers["x-request-id"], "every answer carries x-request-id").toMatch(/^[A-Za-z0-9._-]{1,128}$/);
          if (response.status >= 400) expectAnyProblemResponse(response);
          expect(response.body).not.toMatch(LEAK_PATTERN);
          for (const secret of target.secrets ?? []) expect(response.body).not.toContain(secret);
          expect(Object.prototype).not.toHaveProperty("polluted");
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
      expect(await target.orders.get(existing.id)).toEqual(existing);
      for (const customerId of FUZZ_CUSTOMERS) {
        expect((await target.orders.listByCustomer(customerId, { limit: 5 })).items).toEqual([]);
      }
    }, 240_000);
  });
}
