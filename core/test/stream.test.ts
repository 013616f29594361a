import { describe, expect, it } from "vitest";
import { PoisonMessage } from "../src/app/queue-router.js";
import { processStream, type StreamConsumer } from "../src/app/stream-processor.js";
import { redeliverStream } from "../src/app/stream-redelivery.js";
import type { Context } from "../src/function/context.js";
import type { StreamRecord } from "../src/function/stream.js";
import { MemoryOrderStore } from "../src/orders/storage/memory-order-store.js";
import { applyShipment } from "../src/orders/apply-shipment.js";
import { shipmentDispatched } from "../src/orders/shipment.js";
import { silentLogger } from "../src/ports/json-logger.js";
import { orderAt, shipmentRecord, streamContract, type RecordOutcome } from "../src/orders/testing/index.js";

const context = (deadline?: number): Context => ({ requestId: "stream-test", cloud: "local", logger: silentLogger, deadline });
let position = 0;
const record = (key: string, data: unknown): StreamRecord => ({ key, position: String(++position), data: JSON.stringify(data), attempt: 1 });

/** A consumer that fails as each record's `data.fail` says, and remembers what it applied. */
function scripted() {
  const applied: string[] = [];
  const consume: StreamConsumer = async (event) => {
    const { name, fail } = event.data as { name: string; fail?: "poison" | "retry" };
    if (fail === "poison") throw new PoisonMessage(name);
    if (fail === "retry") throw new Error(name);
    applied.push(name);
  };
  return { applied, handler: processStream("test-stream", consume) };
}

describe("a stream batch", () => {
  it("holds back a key's later records after a retryable failure, and lets the other keys go on", async () => {
    const { applied, handler } = scripted();
    const batch = [
      record("a", { name: "a1" }),
      record("b", { name: "b1" }),
      record("a", { name: "a2", fail: "retry" }),
      record("b", { name: "b2" }),
      record("a", { name: "a3" }),
    ];
    const { failed } = await handler(batch, context());
    expect(applied.sort()).toEqual(["a1", "b1", "b2"]);
    expect(failed).toEqual([
      { position: batch[2]!.position, key: "a", retryable: true, reason: "failed" },
      { position: batch[4]!.position, key: "a", retryable: true, reason: "held back" },
    ]);
  });

  it("fails a poison record alone: its key goes on", async () => {
    const { applied, handler } = scripted();
    const batch = [record("a", { name: "a1", fail: "poison" }), { ...record("a", null), data: "not json" }, record("a", { name: "a3" })];
    const { failed } = await handler(batch, context());
    expect(applied).toEqual(["a3"]);
    expect(failed.map((f) => [f.position, f.retryable, f.reason])).toEqual([
      [batch[0]!.position, false, "poison"],
      [batch[1]!.position, false, "poison"],
    ]);
  });

  it("reports a record pushed alone (Pub/Sub's push, a batch of one) as it would in a batch", async () => {
    const { applied, handler } = scripted();
    const [ok, retry, poison] = [record("a", { name: "a1" }), record("a", { name: "a2", fail: "retry" }), record("b", { name: "b1", fail: "poison" })];
    expect(await handler([ok], context())).toEqual({ failed: [] });
    expect(await handler([retry], context())).toEqual({ failed: [{ position: retry.position, key: "a", retryable: true, reason: "failed" }] });
    expect(await handler([poison], context())).toEqual({ failed: [{ position: poison.position, key: "b", retryable: false, reason: "poison" }] });
    expect(applied).toEqual(["a1"]);
  });

  it("starts no record once the deadline is too close: all of them are retried", async () => {
    const { applied, handler } = scripted();
    const { failed } = await handler([record("a", { name: "a1" }), record("b", { name: "b1" })], context(Date.now() + 10));
    expect(applied).toEqual([]);
    expect(failed.every((f) => f.retryable)).toBe(true);
  });
});

describe("redelivery within the invocation (Event Hubs, the local stream)", () => {
  it("retries the failed key in order until it succeeds, and dead-letters poison at once", async () => {
    let failures = 2;
    const seen: string[] = [];
    const handler = processStream("s", async (event) => {
      const { name } = event.data as { name: string };
      seen.push(`${name}@${event.attempt}`);
      if (name === "poison") throw new PoisonMessage("bad");
      if (name === "flaky" && failures-- > 0) throw new Error("not yet");
    });
    const batch = [record("k", { name: "flaky" }), record("k", { name: "after" }), record("j", { name: "poison" })];
    const letters = await redeliverStream(handler, batch, context(), { maxAttempts: 5, backoffMs: 1 });
    expect(letters).toEqual([{ record: batch[2], reason: "poison" }]);
    expect(seen.filter((s) => !s.startsWith("poison"))).toEqual(["flaky@1", "flaky@2", "flaky@3", "after@3"]);
  });

  it("dead-letters what still fails after the last attempt, held-back records included, and never more attempts than allowed", async () => {
    let calls = 0;
    const handler = processStream("s", async () => {
      calls++;
      throw new Error("down");
    });
    const batch = [record("k", {}), record("k", {})];
    const letters = await redeliverStream(handler, batch, context(), { maxAttempts: 3, backoffMs: 1 });
    expect(letters.map((l) => [l.record.position, l.reason, l.record.attempt])).toEqual([
      [batch[0]!.position, "attempts exhausted", 3],
      [batch[1]!.position, "attempts exhausted", 3],
    ]);
    expect(calls).toBe(3);
  });

  it("gives up early rather than run past the deadline", async () => {
    const handler = processStream("s", async () => {
      throw new Error("down");
    });
    const started = Date.now();
    const letters = await redeliverStream(handler, [record("k", {})], context(Date.now() + 1000), { maxAttempts: 10, backoffMs: 400 });
    expect(letters).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("a shipment.dispatched record", () => {
  const valid = JSON.parse(shipmentRecord(orderAt(new Date()), "shp-1").data);

  it("is read with its shipment", () => {
    expect(shipmentDispatched(valid)).toEqual({
      orderId: valid.orderId,
      shipment: { shipmentId: "shp-1", carrier: "DHL Express", trackingNumber: "JD01", dispatchedAt: "2026-11-27T09:30:00.000Z" },
    });
  });

  it.each([
    ["another type", { type: "shipment.returned" }],
    ["no order id", { orderId: undefined }],
    ["a malformed order id", { orderId: "ord_../x" }],
    ["an empty carrier", { carrier: "" }],
    ["a carrier over 64 characters", { carrier: "x".repeat(65) }],
    ["a tracking number with a control character", { trackingNumber: "JD\n1" }],
    ["a number as shipment id", { shipmentId: 42 }],
    ["a date without a time", { dispatchedAt: "2026-11-27" }],
    ["an impossible date", { dispatchedAt: "2026-13-45T10:00:00Z" }],
  ])("with %s is poison", (_, change) => {
    expect(() => shipmentDispatched({ ...valid, ...change })).toThrow(PoisonMessage);
  });
});

streamContract("core's stream function on the memory store, no runtime", () => {
  const orders = new MemoryOrderStore();
  const handler = processStream("shipments", applyShipment({ orders, clock: { now: () => new Date() } }));
  return {
    orders,
    redeliversItself: false,
    async deliver(records) {
      const batch = records.map((r, i) => ({ key: r.key, data: r.data, position: String(i), attempt: 1 }));
      const { failed } = await handler(batch, context());
      const outcome = new Map(failed.map((f) => [f.position, f.retryable ? "retry" : "dead-lettered"] as const));
      return batch.map((r): RecordOutcome => outcome.get(r.position) ?? "done");
    },
  };
});
