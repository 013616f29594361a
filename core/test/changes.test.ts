import { describe, expect, it } from "vitest";
import {
  changes,
  MemoryOutbox,
  PoisonMessage,
  silentLogger,
  STORED_FIELDS,
  changeFeedOf,
  collection,
  memoryDocuments,
  type Change,
  type DocumentChange,
  type Context,
  type Metrics,
  type QueueEvent,
} from "../src/index.js";
import { createOrderService, MemoryOrderStore, publishOrderCreated } from "../src/orders/index.js";
import { memoryOrderDeps, orderAt } from "../src/orders/testing/index.js";

const context: Context = { requestId: "c1", cloud: "local", logger: silentLogger };
const change = (id: string, key: string, fields: Partial<Change> = {}): Change => ({ id, key, operation: "insert", document: { id: key }, ...fields });

describe("changes(collection): a store's change feed as a trigger", () => {
  it("declares the collection, and refuses one no cloud would name", () => {
    const fn = changes("orders", () => async () => {}, { publishes: ["orders"] });
    expect(fn.trigger).toEqual({ kind: "changes", collection: "orders" });
    expect(fn.publishes).toEqual(["orders"]);
    expect(() => changes("Orders!", () => async () => {})).toThrow(/changes collection "Orders!"/);
  });

  it("hands one document's changes on in commit order, and holds back the later ones after a failure", async () => {
    const seen: string[] = [];
    const handler = changes("orders", () => async (c: Change) => {
      seen.push(c.id);
      if (c.id === "a2") throw new Error("store unavailable");
    }).bind(undefined);
    const { failed } = await handler([change("a1", "a"), change("b1", "b"), change("a2", "a"), change("a3", "a"), change("b2", "b")], context);
    expect(seen.filter((id) => id.startsWith("a"))).toEqual(["a1", "a2"]);
    expect(seen.filter((id) => id.startsWith("b"))).toEqual(["b1", "b2"]);
    expect(failed).toEqual([
      { id: "a2", retryable: true },
      { id: "a3", retryable: true },
    ]);
  });

  it("hands on a collection's stored document (its JSON text and version, as every store keeps them) as the document itself", async () => {
    const seen: Change[] = [];
    const handler = changes("orders", () => async (c: Change) => void seen.push(c)).bind(undefined);
    const stored = (value: object, version: string) => ({
      [STORED_FIELDS.document]: JSON.stringify(value),
      [STORED_FIELDS.version]: version,
      pk: "stored-key",
    });
    await handler(
      [
        change("s1", "s", {
          operation: "update",
          document: stored({ id: "s", status: "confirmed" }, "v2"),
          previous: stored({ id: "s", status: "pending" }, "v1"),
        }),
      ],
      context,
    );
    expect(seen).toEqual([
      { id: "s1", key: "s", operation: "update", document: { id: "s", status: "confirmed" }, version: "v2", previous: { id: "s", status: "pending" } },
    ]);
  });

  it("reports a change handed on alone (a Firestore event, a batch of one) as it would in a batch", async () => {
    const handled: string[] = [];
    const handler = changes("orders", () => async (c: Change) => {
      if (c.id === "poison") throw new PoisonMessage("cannot ever succeed");
      if (c.id === "retry") throw new Error("the queue is down");
      handled.push(c.id);
    }).bind(undefined);
    expect(await handler([change("ok", "a")], context)).toEqual({ failed: [] });
    expect(await handler([change("retry", "a")], context)).toEqual({ failed: [{ id: "retry", retryable: true }] });
    expect(await handler([change("poison", "b")], context)).toEqual({ failed: [{ id: "poison", retryable: false }] });
    expect(handled).toEqual(["ok"]);
  });

  it("reports a poison change as not retryable, and its document's later changes as retryable", async () => {
    const handler = changes("orders", () => async (c: Change) => {
      if (c.id === "p1") throw new PoisonMessage("cannot ever succeed");
    }).bind(undefined);
    const { failed } = await handler([change("p1", "p"), change("p2", "p"), change("q1", "q")], context);
    expect(failed).toEqual([
      { id: "p1", retryable: false },
      { id: "p2", retryable: true },
    ]);
  });
});

describe("changes(collection declaration): normalized document changes", () => {
  interface Note {
    id: string;
    text: string;
  }
  const notes = collection<Note>("notes", { key: ["id"] });

  it("hands a declared collection's consumer each created, updated and deleted document, with its key, version and values", async () => {
    const documents = memoryDocuments();
    const col = documents.collection(notes);
    const created = await col.create({ id: "n1", text: "first" });
    const updated = await col.put({ id: "n1", text: "second" });
    await col.delete({ id: "n1" });
    const seen: DocumentChange<Note>[] = [];
    const handler = changes(notes, () => async (change: DocumentChange<Note>) => void seen.push(change)).bind(undefined);
    const feed = changeFeedOf(documents.changes!);
    expect(await handler(await feed.pending("notes", 10), context)).toEqual({ failed: [] });
    expect(seen.map(({ committedAt: _, ...change }) => change)).toEqual([
      { id: "1", type: "created", key: { id: "n1" }, version: created.version, value: { id: "n1", text: "first" } },
      { id: "2", type: "updated", key: { id: "n1" }, version: updated.version, value: { id: "n1", text: "second" }, previous: { id: "n1", text: "first" } },
      { id: "3", type: "deleted", key: { id: "n1" }, version: updated.version, previous: { id: "n1", text: "second" } },
    ]);
  });

  it("reads a cloud feed's raw stored record as the document, its version from it", async () => {
    const seen: DocumentChange<Note>[] = [];
    const handler = changes(notes, () => async (change: DocumentChange<Note>) => void seen.push(change)).bind(undefined);
    const raw = { [STORED_FIELDS.document]: JSON.stringify({ id: "n2", text: "t" }), [STORED_FIELDS.version]: "v7", pk: "n2" };
    await handler([{ id: "seq-1", key: "n2", operation: "write", document: raw }], context);
    expect(seen).toEqual([{ id: "seq-1", type: "updated", key: { id: "n2" }, version: "v7", value: { id: "n2", text: "t" } }]);
  });

  it("fails alone, as poison, a change that carries no key of the collection", async () => {
    const handler = changes(notes, () => async () => {}).bind(undefined);
    expect(await handler([{ id: "x", key: "?", operation: "delete", document: {} }], context)).toEqual({ failed: [{ id: "x", retryable: false }] });
  });
});

describe("metrics of a change feed, whatever the log level", () => {
  it("counts each published order.created and each failed change through the metrics port, not a log line", async () => {
    const recorded: string[] = [];
    const metrics: Metrics = { record: (name, value, unit) => void recorded.push(`${name} ${value} ${unit}`) };
    const outbox = changes("orders", () => publishOrderCreated({ events: { publish: async () => {} } })).bind(undefined);
    await outbox([change("c1", orderAt(new Date()).id)], { ...context, metrics });
    const failing = changes("orders", () => async () => {
      throw new Error("store unavailable");
    }).bind(undefined);
    await failing([change("c2", "k")], { ...context, metrics });
    expect(recorded).toEqual(["OrderEventsPublished 1 Count", "FailedChanges 1 Count"]);
  });
});

describe("publishOrderCreated: the outbox of the order service", () => {
  const published: QueueEvent[] = [];
  const consumer = publishOrderCreated({ events: { publish: async (event) => void published.push(event) } });
  const order = orderAt(new Date());

  it("publishes order.created for an inserted order, and for a first version where the feed does not say insert (Cosmos DB)", async () => {
    published.length = 0;
    await consumer(change("1", order.id, { document: { ...order } }), context);
    await consumer(change("2", order.id, { operation: "write", document: { ...order, version: 1 } }), context);
    expect(published).toEqual([
      { type: "order.created", orderId: order.id },
      { type: "order.created", orderId: order.id },
    ]);
  });

  it("publishes nothing for an update, a delete, or a record that is not an order", async () => {
    published.length = 0;
    await consumer(change("1", order.id, { operation: "update", document: { ...order, status: "confirmed", version: 2 } }), context);
    await consumer(change("2", order.id, { operation: "delete", document: { ...order, version: 1 } }), context);
    await consumer(change("3", "IDEMPOTENCY#k", { document: { fingerprint: "x" } }), context);
    expect(published).toEqual([]);
  });

  it("publishes a later version where the feed hands on only the latest (Cosmos DB's write): its first version may never be seen", async () => {
    published.length = 0;
    await consumer(change("1", order.id, { operation: "write", document: { ...order, status: "cancelled", version: 2 } }), context);
    expect(published).toEqual([{ type: "order.created", orderId: order.id }]);
  });

  it("reads the order id from the key where the document does not hold it (Firestore)", async () => {
    published.length = 0;
    const { id: _, ...fields } = order;
    await consumer(change("1", order.id, { document: fields }), context);
    expect(published).toEqual([{ type: "order.created", orderId: order.id }]);
  });
});

describe("the memory store's outbox", () => {
  it("records each committed insert and update in order, nothing for a write that failed, and forgets what is acknowledged", async () => {
    const outbox = new MemoryOutbox();
    const orders = new MemoryOrderStore(outbox);
    const order = orderAt(new Date());
    await orders.create(order);
    await expect(orders.create(order)).rejects.toThrow();
    await expect(orders.update({ ...order, version: 3 }, 2)).rejects.toThrow();
    await orders.update({ ...order, status: "confirmed", version: 2 }, 1);
    const pending = await outbox.pending("orders", 10);
    expect(pending.map((c) => [c.key, c.operation, c.document.version, c.previous?.version])).toEqual([
      [order.id, "insert", 1, undefined],
      [order.id, "update", 2, 1],
    ]);
    await outbox.acknowledge([pending[0]!.id]);
    expect((await outbox.pending("orders", 10)).map((c) => c.id)).toEqual([pending[1]!.id]);
  });

  it("carries an order from POST through the outbox to order.created, and the HTTP function publishes nothing itself", async () => {
    const outbox = new MemoryOutbox();
    const published: QueueEvent[] = [];
    const service = createOrderService(memoryOrderDeps({ orders: new MemoryOrderStore(outbox), events: { publish: async (e) => void published.push(e) } }));
    const response = await service.http(
      {
        method: "POST",
        path: "/orders",
        query: new URLSearchParams(),
        headers: { "content-type": "application/json" },
        body: Buffer.from('{"customerId":"cus_o","items":[{"sku":"A","quantity":1,"unitPrice":5}],"currency":"EUR"}'),
      },
      context,
    );
    expect(response.status).toBe(201);
    expect(published).toEqual([]);
    const { failed } = await service.outbox(await outbox.pending("orders", 10), context);
    expect(failed).toEqual([]);
    expect(published).toEqual([{ type: "order.created", orderId: JSON.parse(String(response.body)).id }]);
  });
});
