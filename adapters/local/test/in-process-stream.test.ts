import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyShipment, MemoryOrderStore, processStream, silentLogger, systemClock } from "@skyport/core";
import { orderAt, shipmentRecord, streamContract, type RecordOutcome } from "@skyport/core/testing";
import { afterAll, expect, it } from "vitest";
import { InProcessStream, MAX_ATTEMPTS, readDeadLetters } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "dead-letters.jsonl");

function shipments() {
  const orders = new MemoryOrderStore();
  const stream = new InProcessStream("shipments", () => silentLogger, file, 5);
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
