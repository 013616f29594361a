import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import type { ContractResponse } from "../../testing/http-target.js";
import type { OutageTarget } from "./outage-contract.js";
import { uniqueCustomer } from "./orders.js";
import { expectProblemResponse } from "../../testing/problems.js";
import type { ContractMessage } from "../../testing/delivery.js";

/** An outage target whose store can also be slowed: every byte to and from it arrives late. */
export interface StoreFaultsTarget extends OutageTarget {
  storeSlow(latencyMs: number): Promise<void> | void;
  /** The time a request has to answer (the function's timeout on its cloud): a request the store cannot serve by then must be answered 503 before it. */
  deadlineMs: number;
}

/** How the store faults contract slows and cuts the store, and how many clients post meanwhile. */
export interface StoreFaultsOptions {
  /** How long the store is slowed, and by how much; then cut for `downMs`; then restored. */
  slowMs?: number;
  latencyMs?: number;
  downMs?: number;
  /** Concurrent clients, each posting one order after another. */
  clients?: number;
}

const JSON_HEADERS = { "content-type": "application/json" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One client's request and what became of it. */
interface Attempt {
  key: string;
  status: number;
  elapsedMs: number;
  response: ContractResponse;
}

/**
 * The store slowed by seconds, then cut, then restored, while clients post orders (each with its
 * own Idempotency-Key) and every created order's `order.created` message is delivered: each
 * answer is 201, or 503 with Retry-After, within the deadline; a message that fails is retried.
 * Once the store is back and every key has been retried to its answer and every message to its
 * end, the history holds: each key made exactly one order, each order was answered 201 to its
 * key, and each was confirmed once.
 */
export function storeFaultsContract(name: string, factory: () => Promise<StoreFaultsTarget> | StoreFaultsTarget, options: StoreFaultsOptions = {}) {
  const { slowMs = 12_000, latencyMs = 6_000, downMs = 5_000, clients = 4 } = options;

  describe(`store faults under load: ${name}`, () => {
    let target: StoreFaultsTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.storeUp();
      await target?.close?.();
    });

    it(`slowed by ${latencyMs} ms, cut, restored: 201 or 503 with Retry-After in time; then each key one order, each order confirmed once`, async () => {
      const customerId = uniqueCustomer("cus_faults");
      const body = JSON.stringify({ customerId, items: [{ sku: "A", quantity: 2, unitPrice: 150 }], currency: "EUR" });
      const post = async (key: string): Promise<Attempt> => {
        const started = Date.now();
        const response = await target.send({ method: "POST", path: "/orders", headers: { ...JSON_HEADERS, "idempotency-key": key }, body });
        return { key, status: response.status, elapsedMs: Date.now() - started, response };
      };
      const attempts: Attempt[] = [];
      const created = new Map<string, string>(); // key -> order id answered 201
      // The queue between the API and confirm: announcements wait here, and a failed delivery comes back.
      const queued: ContractMessage[] = [];
      let failedDeliveries = 0;
      const deliverQueued = async () => {
        const batch = queued.splice(0, 10);
        if (batch.length === 0) return sleep(100);
        const outcomes = await target.deliver(batch);
        const failed = batch.filter((message) => outcomes[message.id] !== "done");
        failedDeliveries += failed.length;
        queued.push(...failed);
      };
      const announce = (attempt: Attempt) => {
        if (attempt.status !== 201) return;
        const { id } = JSON.parse(attempt.response.body) as Order;
        created.set(attempt.key, id);
        queued.push({ id: `created-${id}`, body: JSON.stringify({ type: "order.created", orderId: id }) });
      };

      // The clients: each posts a new key as soon as the last answered, until the faults are over; a
      // consumer delivers the announcements beside them, as the queue's trigger would.
      let faulting = true;
      const keys: string[] = [];
      const client = async (index: number) => {
        for (let n = 0; faulting; n++) {
          const key = `${customerId}-${index}-${n}`;
          keys.push(key);
          const attempt = await post(key);
          attempts.push(attempt);
          announce(attempt);
        }
      };
      const consumer = async () => {
        while (faulting) await deliverQueued();
      };
      const load = Promise.all([...Array.from({ length: clients }, (_, index) => client(index)), consumer()]);
      await sleep(1_000);
      await target.storeSlow(latencyMs);
      await sleep(slowMs);
      await target.storeDown();
      await sleep(downMs);
      await target.storeUp();
      faulting = false;
      await load;

      // Every answer during the faults: 201, or 503 with Retry-After; none past the deadline.
      for (const attempt of attempts) {
        expect(attempt.elapsedMs, `${attempt.key} answered ${attempt.status} after ${attempt.elapsedMs} ms`).toBeLessThanOrEqual(target.deadlineMs);
        if (attempt.status === 201) continue;
        expectProblemResponse(attempt.response, 503, "unavailable");
        expect(Number(attempt.response.headers["retry-after"])).toBeGreaterThan(0);
      }
      expect(attempts.filter((attempt) => attempt.status === 503).length, "the faults were felt by the clients").toBeGreaterThan(0);

      // After: a client retries each key it got no order for (honouring 409 in flight and 503), bounded.
      for (const key of keys.filter((key) => !created.has(key))) {
        let attempt = await post(key);
        for (let tries = 1; attempt.status !== 201 && tries < 60; tries++) {
          expect([409, 503], `${key}: ${attempt.response.body}`).toContain(attempt.status);
          await sleep(Math.min(Number(attempt.response.headers["retry-after"] ?? 1), 2) * 1000);
          attempt = await post(key);
        }
        expect(attempt.status, `${key}: ${attempt.response.body}`).toBe(201);
        announce(attempt);
      }
      // Redelivery, as a queue does, until every message is handled (bounded).
      for (let round = 0; queued.length > 0; round++) {
        expect(round, "messages still failing after the store came back").toBeLessThan(300);
        await deliverQueued();
        if (queued.length > 0) await sleep(100);
      }

      // The history: every key one order, the one it was answered; each confirmed once.
      const listed: Order[] = [];
      for (let cursor: string | null = ""; cursor !== null; ) {
        const page = await target.send({
          method: "GET",
          path: `/orders?customerId=${customerId}&limit=100${cursor && `&cursor=${encodeURIComponent(cursor)}`}`,
        });
        expect(page.status, page.body).toBe(200);
        const { items, nextCursor } = JSON.parse(page.body) as { items: Order[]; nextCursor: string | null };
        listed.push(...items);
        cursor = nextCursor;
      }
      const count = (status: number) => attempts.filter((attempt) => attempt.status === status).length;
      console.info(
        `${name}: ${attempts.length} requests during the faults (${count(201)} 201, ${count(503)} 503), ` +
          `${failedDeliveries} failed deliveries retried, ${keys.length} keys, ${listed.length} orders`,
      );
      expect(new Set(created.values()).size, "no two keys answered with one order").toBe(keys.length);
      expect(listed.map((order) => order.id).sort()).toEqual([...created.values()].sort());
      expect(listed.filter((order) => order.status !== "confirmed" || order.version !== 2)).toEqual([]);
    }, 240_000);
  });
}
