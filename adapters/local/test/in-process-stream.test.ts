import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineApp, processStream, silentLogger, stream, systemClock } from "@skyport/core";
import { applyShipment, MemoryOrderStore } from "@skyport/core/orders";
import { orderAt, shipmentRecord, streamContract, type RecordOutcome } from "@skyport/core/orders/testing";
import { afterAll, describe, expect, it } from "vitest";
import { InProcessStream, invokeFunction, MAX_ATTEMPTS, readDeadLetters, startLocalApp } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "dead-letters.jsonl");

function shipments() {
  const orders = new MemoryOrderStore();
  const stream = new InProcessStream("shipments", () => silentLogger, { deadLetterFile: file, backoffMs: 5 });
  stream.attach(async () => processStream("shipments", applyShipment({ orders, clock: systemClock })));
  return { orders, stream };
}

streamContract("the local server's in-process stream, memory store", () => {
  const { orders, stream } = shipments();
  return {
    orders,
    redeliversItself: true,
    async deliver(records) {
      const { positions, deadLetters } = await stream.put(records.map(({ key, data }) => ({ partitionKey: key, data })));
      const dead = new Set(deadLetters.map((letter) => letter.record.position));
      return positions.map((position): RecordOutcome => (dead.has(position) ? "dead-lettered" : "done"));
    },
  };
});

it(`keeps what it dead-letters in the dead-letter file: poison at once, a pending order's record after ${MAX_ATTEMPTS} attempts`, async () => {
  const { orders, stream } = shipments();
  const pending = orderAt(new Date());
  await orders.create(pending);
  const { key, data } = shipmentRecord(pending, "shp-1");
  await stream.put([
    { partitionKey: "k", data: "{oops" },
    { partitionKey: key, data },
  ]);
  expect(readDeadLetters(file).slice(-2)).toMatchObject([
    { topic: "shipments", reason: "poison", message: { body: "{oops", attempt: 1, attributes: { partitionKey: "k" } } },
    { topic: "shipments", reason: "attempts exhausted", message: { body: data, attempt: MAX_ATTEMPTS, attributes: { partitionKey: key } } },
  ]);
  expect(await orders.get(pending.id)).toEqual(pending);
});

describe("a stream function in the local runtime", () => {
  const orders = new MemoryOrderStore();
  const app = defineApp({
    name: "shop",
    functions: { ship: stream("shipments", (services: { orders: MemoryOrderStore }) => applyShipment({ orders: services.orders, clock: systemClock })) },
  });
  const wiring = () => ({ logger: silentLogger, services: async () => ({ orders }) });

  it("takes records put on its in-process stream by the local server (LocalApp.stream)", async () => {
    const order = orderAt(new Date(), { status: "confirmed", version: 2 });
    await orders.create(order);
    const local = await startLocalApp(app, wiring, { PORT: "0", SKYPORT_DEAD_LETTER_FILE: file, SKYPORT_QUEUE_PATH: join(dir, "queues.db") });
    try {
      const { key, data } = shipmentRecord(order, "shp-local");
      expect((await local.stream("shipments").put([{ partitionKey: key, data }])).deadLetters).toEqual([]);
      expect(await orders.get(order.id)).toMatchObject({ status: "shipped", shipment: { shipmentId: "shp-local" } });
      expect(() => local.stream("returns")).toThrow(/no function that reads the stream "returns"/);
    } finally {
      await local.close();
    }
  });

  it("takes a batch from npm run invoke and answers what was not applied", async () => {
    const order = orderAt(new Date(), { status: "confirmed", version: 2 });
    await orders.create(order);
    const { data } = shipmentRecord(order, "shp-invoke");
    const { result } = await invokeFunction(app, wiring, {}, "ship", [
      { partitionKey: order.id, data: JSON.parse(data) },
      { partitionKey: order.id, data: "{oops" },
    ]);
    expect(result).toEqual({ failed: [{ position: "2", key: order.id, retryable: false, reason: "poison" }] });
    expect(await orders.get(order.id)).toMatchObject({ status: "shipped", shipment: { shipmentId: "shp-invoke" } });
    await expect(invokeFunction(app, wiring, {}, "ship", [{ data: {} }])).rejects.toThrow(/a stream function needs records/);
  });
});
