import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { objectCreated } from "../src/app/object-function.js";
import type { Collection, Documents } from "../src/collections/collection.js";
import type { CollectionDeclaration } from "../src/collections/declaration.js";
import { memoryDocuments } from "../src/collections/memory-documents.js";
import type { Context } from "../src/function/context.js";
import { importKey, importOrders } from "../src/orders/import/index.js";
import { createOrderService, orderServices } from "../src/orders/service.js";
import type { ImportReport } from "../src/orders/import/report.js";
import { orderStoresOn } from "../src/orders/storage/stores.js";
import { ORDER_ID_PATTERN } from "../src/orders/ids.js";
import { silentLogger } from "../src/ports/json-logger.js";
import { StoreUnavailable } from "../src/ports/errors.js";
import { countedDocuments } from "../src/testing/counted-documents.js";
import { MemoryBucket } from "../src/testing/memory-bucket.js";
import { memoryOrderDeps, uniqueCustomer } from "../src/orders/testing/index.js";

const BUCKET = "orders-imports";
const context: Context = { requestId: "import-replays", cloud: "local", logger: silentLogger };

/** Documents whose every call first waits `turns` turns of the event loop, as a network store's would: deliveries at once interleave. */
function turnTaking(documents: Documents, turns: number): Documents {
  return {
    ...documents,
    collection<T>(declaration: CollectionDeclaration<T>): Collection<T> {
      const inner = documents.collection(declaration);
      const later =
        <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
        async (...args: A) => {
          for (let turn = 0; turn < turns; turn++) await new Promise(setImmediate);
          return call(...args);
        };
      return {
        declaration,
        get: later((key) => inner.get(key)),
        create: later((value: T) => inner.create(value)),
        put: later((value: T, condition) => inner.put(value, condition)),
        delete: later((key, condition) => inner.delete(key, condition)),
        query: later((query) => inner.query(query)),
        transact: later((operations) => inner.transact(operations)),
        putMany: later((values) => inner.putMany(values)),
      };
    },
  };
}

/** One store (memory documents, every call counted) and its bucket; each `delivery()` is a function instance of its own on them. */
function setup() {
  const counted = countedDocuments(memoryDocuments());
  const { orders } = orderStoresOn(counted.documents);
  const bucket = new MemoryBucket(64);
  const delivery = (documents = counted.documents) => {
    const deps = memoryOrderDeps(orderStoresOn(documents));
    const handler = objectCreated(BUCKET, "imports/", (d: typeof deps) => importOrders(d, { maxBytes: 1024 * 1024 })).bind(deps);
    return async (name: string) => (await handler({ bucket: BUCKET, name }, bucket, context)) as ImportReport & { created: number; replayed: number };
  };
  const file = (name: string, customerId: string, count: number) => {
    const line = (n: number) => JSON.stringify({ customerId, currency: "EUR", items: [{ sku: `SKU-${n}`, quantity: 1, unitPrice: n }] });
    // Line 2 is invalid: rejected on every delivery, never an order.
    const lines = Array.from({ length: count + 1 }, (_, i) => (i === 1 ? '{"customerId": 1}' : line(i)));
    bucket.objects.set(name, Buffer.from(`${lines.join("\n")}\n`));
  };
  const ordersOf = async (customerId: string) => (await orders.listByCustomer(customerId, { limit: 1000 })).items;
  return { counted, orders, bucket, delivery, file, ordersOf };
}

describe("the import's replays: each order of a file made once, by whichever delivery comes first", () => {
  it("leaves an order confirmed since its import as it is when the file is delivered again", async () => {
    const { orders, delivery, file, ordersOf } = setup();
    const customerId = uniqueCustomer();
    file("imports/confirmed.jsonl", customerId, 5);
    expect(await delivery()("imports/confirmed.jsonl")).toMatchObject({ created: 5, replayed: 0, rejected: [{ line: 2 }] });
    const made = await ordersOf(customerId);
    for (const order of made) {
      expect(order.id).toMatch(ORDER_ID_PATTERN);
      await orders.update({ ...order, status: "confirmed", version: 2, updatedAt: new Date().toISOString() }, 1);
    }

    expect(await delivery()("imports/confirmed.jsonl")).toMatchObject({ created: 0, replayed: 5, rejected: [{ line: 2 }] });
    const after = await ordersOf(customerId);
    expect(after.map((order) => order.id).sort()).toEqual(made.map((order) => order.id).sort());
    for (const order of after) expect(order, order.id).toMatchObject({ status: "confirmed", version: 2 });
  });

  it("creates each order once when two deliveries of one file run at the same time; their reports share the creations", async () => {
    const { counted, delivery, file, ordersOf } = setup();
    const customerId = uniqueCustomer();
    file("imports/twice.jsonl", customerId, 120);
    // A slow delivery, and a faster one that starts once the slow one has made 20 orders and overtakes it.
    const slow = delivery(turnTaking(counted.documents, 3))("imports/twice.jsonl");
    while (counted.calls < 20) await new Promise(setImmediate);
    const fast = delivery(turnTaking(counted.documents, 1))("imports/twice.jsonl");
    const [first, second] = await Promise.all([slow, fast]);

    expect(await ordersOf(customerId)).toHaveLength(120);
    expect(first.created + first.replayed).toBe(120);
    expect(second.created + second.replayed).toBe(120);
    expect(first.created + second.created).toBe(120);
    expect(first.created).toBeGreaterThan(20);
    expect(second.created).toBeGreaterThan(0);
  });

  it("counts an order whose create landed but whose answer was lost as created, once the service's retry finds it made (the app's wiring)", async () => {
    const { bucket, file, ordersOf, counted } = setup();
    const customerId = uniqueCustomer();
    file("imports/lost.jsonl", customerId, 5);
    const stores = orderStoresOn(counted.documents);
    const create = stores.orders.create;
    let lost = 0;
    stores.orders.create = async (order) => {
      await create(order);
      if (lost++ < 2) throw new StoreUnavailable(new Error("the answer was lost"));
    };
    const deps = orderServices(memoryOrderDeps(stores));
    const handler = objectCreated(BUCKET, "imports/", (d: typeof deps) => importOrders(d, { maxBytes: 1024 * 1024 })).bind(deps);
    expect(await handler({ bucket: BUCKET, name: "imports/lost.jsonl" }, bucket, context)).toMatchObject({ created: 5, replayed: 0 });
    expect(await ordersOf(customerId)).toHaveLength(5);
  });

  it("finishes a file whose import began under per-order Idempotency-Keys under the ids those keys reserved: no order twice", async () => {
    const { counted, bucket, delivery, file, ordersOf } = setup();
    const customerId = uniqueCustomer();
    const name = "imports/upgraded.jsonl";
    file(name, customerId, 20);
    // The import as it was: each order a POST /orders under its import key; 7 made before the upgrade.
    const content = bucket.objects.get(name)!;
    const contentHash = `sha256:${createHash("sha256").update(content).digest("hex")}`;
    const api = createOrderService(memoryOrderDeps(orderStoresOn(counted.documents)));
    const lines = Buffer.from(content).toString("utf8").split("\n");
    for (const line of [1, 3, 4, 5, 6, 7, 8]) {
      const body = Buffer.from(lines[line - 1]!);
      const key = importKey({ bucket: BUCKET, name }, contentHash, { line, id: `line:${line}`, body });
      const headers = { "content-type": "application/json", "idempotency-key": key };
      expect((await api.http({ method: "POST", path: "/orders", query: new URLSearchParams(), headers, body }, context)).status).toBe(201);
    }

    expect(await delivery()(name)).toMatchObject({ created: 13, replayed: 7, rejected: [{ line: 2 }] });
    expect(await ordersOf(customerId)).toHaveLength(20);
  });

  it("makes every order exactly once when a delivery crashes after any store call and the event is delivered again", async () => {
    const orders = 40;
    for (const crashAfter of [1, 2, 3, 16, 17, 18, 34, 40, 41]) {
      const { counted, delivery, file, ordersOf } = setup();
      const customerId = uniqueCustomer();
      file("imports/crash.jsonl", customerId, orders);
      counted.crashAfter(crashAfter);
      await expect(delivery()("imports/crash.jsonl"), `crash after call ${crashAfter}`).rejects.toBeInstanceOf(StoreUnavailable);
      counted.heal();
      const made = (await ordersOf(customerId)).length;
      // The file's one read, then one call an order: each call that reached the store after the read made one order.
      expect(made, `crash after call ${crashAfter}`).toBe(crashAfter - 1);

      const report = await delivery()("imports/crash.jsonl");
      expect(report, `crash after call ${crashAfter}`).toMatchObject({ created: orders - made, replayed: made, rejected: [{ line: 2 }] });
      expect(await ordersOf(customerId)).toHaveLength(orders);
    }
  });
});
