import { describe, expect, it } from "vitest";
import { MemoryIdempotencyStore, StoreUnavailable, silentLogger, systemClock, type Context, type HttpRequest, type IdempotencyStore } from "../src/index.js";
import { MemoryOrderStore, createOrderService, ulidIds, type OrderStore } from "../src/orders/index.js";
import { retryUnavailable } from "../src/ports/retry.js";
import { retryingOrderStore } from "../src/orders/storage/retrying-stores.js";
import { orderAt } from "../src/orders/testing/orders.js";

/** Wraps a store so that a test can take it down: every call fails while `down` is true. */
function switchable<T extends object>(store: T) {
  const state = { down: false, calls: 0 };
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        state.calls++;
        if (state.down) throw new StoreUnavailable(new Error("connect ECONNREFUSED 127.0.0.1:8000 table orders-prod"));
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, state };
}

function setup() {
  const orders = switchable<OrderStore>(new MemoryOrderStore());
  const idempotency = switchable<IdempotencyStore>(new MemoryIdempotencyStore());
  const service = createOrderService({
    orders: orders.store,
    idempotency: idempotency.store,
    events: { publish: async () => {} },
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 10,
  });
  const down = (value: boolean) => {
    orders.state.down = value;
    idempotency.state.down = value;
  };
  return { service, orders, idempotency, down };
}

const context = (deadline?: number): Context => ({ requestId: "r1", cloud: "local", logger: silentLogger, deadline });
const post = (body: unknown, headers: Record<string, string> = {}): HttpRequest => ({
  method: "POST",
  path: "/orders",
  query: new URLSearchParams(),
  headers: { "content-type": "application/json", ...headers },
  body: Buffer.from(JSON.stringify(body)),
});
const newOrder = { customerId: "cus_fault", items: [{ sku: "A", quantity: 1, unitPrice: 10 }], currency: "EUR" };

describe("when the store is unreachable", () => {
  it("answers 503 problem+json with Retry-After, and says nothing about the store", async () => {
    const { service, down } = setup();
    down(true);
    const response = await service.http(post(newOrder), context());
    expect(response.status).toBe(503);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers["retry-after"]).toBe("1");
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|orders-prod|stack|at /);
  });

  it("leaves no partial write and releases nothing it should keep once the store is back", async () => {
    const { service, orders, down } = setup();
    down(true);
    expect((await service.http(post(newOrder, { "idempotency-key": "k1" }), context())).status).toBe(503);
    down(false);
    expect((await orders.store.listByCustomer("cus_fault", { limit: 10 })).items).toEqual([]);
    const retried = await service.http(post(newOrder, { "idempotency-key": "k1" }), context());
    expect(retried.status).toBe(201);
    expect((await orders.store.listByCustomer("cus_fault", { limit: 10 })).items).toHaveLength(1);
  });

  it("reports every message of a batch as failed and retryable, and confirms them once it is back", async () => {
    const { service, orders, down } = setup();
    const order = orderAt(new Date(), { customerId: "cus_q" });
    await orders.store.create(order);
    down(true);
    const messages = [1, 2].map((n) => ({ id: `m${n}`, attempt: 1, body: JSON.stringify({ type: "order.created", orderId: order.id }) }));
    const { failed } = await service.queue(messages, context());
    expect(failed.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "m1", retryable: true },
      { id: "m2", retryable: true },
    ]);
    down(false);
    expect(await service.queue(messages, context())).toEqual({ failed: [] });
    expect(await orders.store.get(order.id)).toMatchObject({ status: "confirmed" });
  });

  it("retries a transient failure and succeeds without the caller noticing", async () => {
    const { service, orders } = setup();
    let failures = 2;
    const realGet = orders.store.get.bind(orders.store);
    orders.store.get = async (id) => (failures-- > 0 ? Promise.reject(new StoreUnavailable()) : realGet(id));
    const response = await service.http(
      { method: "GET", path: "/orders/ord_00000000000000000000000000", query: new URLSearchParams(), headers: {} },
      context(),
    );
    expect(response.status).toBe(404);
    expect(failures).toBe(-1);
  });
});

describe("deadlines", () => {
  it("refuses to start a write it may not finish, and writes nothing", async () => {
    const { service, orders } = setup();
    const calls = orders.state.calls;
    const response = await service.http(post(newOrder), context(Date.now() + 50));
    expect(response.status).toBe(503);
    expect(orders.state.calls).toBe(calls);
  });

  it("answers 503 with Retry-After just before the deadline when the store does not answer, and a retry finds the order the late write made", async () => {
    const { service, orders } = setup();
    let answer: () => void = () => {};
    const hanging = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const create = orders.store.create.bind(orders.store);
    orders.store.create = async (order) => {
      await hanging;
      return create(order);
    };
    const started = Date.now();
    const response = await service.http(post(newOrder, { "idempotency-key": "late-1" }), context(Date.now() + 600));
    expect(response.status, response.body).toBe(503);
    expect(response.headers["retry-after"]).toBe("1");
    expect(Date.now() - started).toBeLessThan(600);
    // The store answers at last: the order is committed, and the client's retry gets it, not a second one.
    answer();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const retried = await service.http(post(newOrder, { "idempotency-key": "late-1" }), context());
    expect(retried.status, retried.body).toBe(201);
    expect(retried.headers["idempotent-replayed"]).toBe("true");
  });

  it("fails queue messages as retryable instead of starting them too late", async () => {
    const { service, orders } = setup();
    const order = orderAt(new Date());
    await orders.store.create(order);
    const result = await service.queue([{ id: "m", attempt: 1, body: JSON.stringify({ type: "order.created", orderId: order.id }) }], context(Date.now() + 10));
    expect(result.failed).toEqual([{ id: "m", retryable: true }]);
    expect(await orders.store.get(order.id)).toMatchObject({ status: "pending" });
  });
});

describe("store retries", () => {
  it("back off with full jitter, bounded in attempts and delay", async () => {
    const delays: number[] = [];
    const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250, sleep: async (ms: number) => void delays.push(ms), random: () => 0.999 };
    let calls = 0;
    const unavailable = async () => {
      calls++;
      throw new StoreUnavailable();
    };
    await expect(retryUnavailable(unavailable, policy)).rejects.toBeInstanceOf(StoreUnavailable);
    expect(calls).toBe(4);
    expect(delays.map(Math.round)).toEqual([100, 200, 250]);
    delays.length = 0;
    await expect(retryUnavailable(async () => Promise.reject(new StoreUnavailable()), { ...policy, random: () => 0 })).rejects.toThrow();
    expect(delays).toEqual([0, 0, 0]);
  });

  it("never retry a definite answer", async () => {
    let calls = 0;
    const refused = async () => {
      calls++;
      throw new Error("bad request");
    };
    await expect(retryUnavailable(refused)).rejects.toThrow("bad request");
    expect(calls).toBe(1);
  });

  it("count a create whose answer was lost, but which landed, as done", async () => {
    const memory = new MemoryOrderStore();
    const lossy: OrderStore = Object.assign(Object.create(memory), {
      create: async (order: Parameters<OrderStore["create"]>[0]) => {
        await memory.create(order);
        lossy.create = memory.create.bind(memory);
        throw new StoreUnavailable(); // the write landed; the answer did not
      },
    });
    const order = orderAt(new Date());
    await retryingOrderStore(lossy, { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 }).create(order);
    expect(await memory.get(order.id)).toEqual(order);
  });
});

describe("idempotency under lost answers", () => {
  it("a begin that landed but whose answer was lost still holds the key for its request", async () => {
    const memory = new MemoryIdempotencyStore();
    let lose = true;
    const lossy: IdempotencyStore = {
      begin: async (...args) => {
        const result = await memory.begin(...args);
        if (lose) {
          lose = false;
          throw new StoreUnavailable(); // it landed; the answer did not
        }
        return result;
      },
      complete: (...args) => memory.complete(...args),
      release: (key) => memory.release(key),
      reserved: (key) => memory.reserved(key),
    };
    const service = createOrderService({
      orders: new MemoryOrderStore(),
      idempotency: lossy,
      events: { publish: async () => {} },
      clock: systemClock,
      ids: ulidIds(systemClock),
      retentionDays: 30,
      cleanupPageSize: 10,
    });
    const first = await service.http(post(newOrder, { "idempotency-key": "lost" }), context());
    expect(first.status).toBe(201);
    const replay = await service.http(post(newOrder, { "idempotency-key": "lost" }), context());
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toBe(first.body);
  });
});

describe("the retry budget", () => {
  it("does not retry a failure that already took the budget (the SDK retried it)", async () => {
    let calls = 0;
    const slowFailure = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      throw new StoreUnavailable();
    };
    await expect(retryUnavailable(slowFailure, { attempts: 5, baseDelayMs: 0, maxDelayMs: 0, budgetMs: 20 })).rejects.toBeInstanceOf(StoreUnavailable);
    expect(calls).toBe(1);
  });
});
