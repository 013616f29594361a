import { output } from "@azure/functions";
import { processStream, systemClock, type StreamHandler } from "@skyport/core";
import { applyShipment, MemoryOrderStore } from "@skyport/core/orders";
import { streamContract, type RecordOutcome } from "@skyport/core/orders/testing";
import { describe, expect, it } from "vitest";
import { azureStreamHandler, fromEventHubBatch, STREAM_ATTEMPTS } from "../src/index.js";
import { hostEventHubBatch } from "../src/testing/index.js";

// No Event Hubs emulator installs here (Microsoft's runs in Docker only): the trigger is driven
// with the batch and trigger metadata the Functions host documents for cardinality "many".
const deadLetters = output.storageQueue({ queueName: "shipments-stream-poison", connection: "AzureWebJobsStorage" });
const options = { logLevel: "warn" } as const;

function shipmentsOnEventHubs(handler: StreamHandler) {
  const trigger = azureStreamHandler(async () => handler, options, { stream: "shipments", deadLetters });
  let sequence = 0;
  return async (events: { partitionKey?: string; body: string }[]) => {
    const batch = hostEventHubBatch(events, { firstSequence: sequence });
    sequence += events.length;
    await trigger(batch.messages, batch.invocation);
    const written = (batch.invocation.extraOutputs.get(deadLetters) ?? []) as string[];
    return {
      positions: batch.positions,
      letters: written.map((text) => JSON.parse(text) as { position: string; reason: string; attempts: number; data: string }),
    };
  };
}

streamContract(
  "Azure Functions Event Hubs trigger (cardinality many, the host's documented batch), dead letters to a Storage queue output, memory store",
  () => {
    const orders = new MemoryOrderStore();
    const deliver = shipmentsOnEventHubs(processStream("shipments", applyShipment({ orders, clock: systemClock })));
    return {
      orders,
      redeliversItself: true,
      async deliver(records) {
        const { positions, letters } = await deliver(records.map(({ key, data }) => ({ partitionKey: key, body: data })));
        const dead = new Set(letters.map((letter) => letter.position));
        return positions.map((position): RecordOutcome => (dead.has(position) ? "dead-lettered" : "done"));
      },
    };
  },
);

describe("an Event Hubs batch -> StreamRecord[]", () => {
  it("takes each event's partition key and sequence number, and gives a parsed JSON body back as JSON text", () => {
    const { messages, invocation } = hostEventHubBatch([{ partitionKey: "ord_1", body: '{"a":1}' }, { body: "plain text" }], {
      partitionId: "3",
      firstSequence: 41,
    });
    expect(fromEventHubBatch(messages, invocation)).toEqual([
      { key: "ord_1", position: "3:41", data: '{"a":1}', attempt: 1 },
      { key: "partition:3", position: "3:42", data: "plain text", attempt: 1 },
    ]);
  });
});

describe("the Event Hubs trigger, which checkpoints whatever the outcome", () => {
  it(`tries a failing key ${STREAM_ATTEMPTS} times in the invocation, then writes it and its held-back records to the dead-letter queue`, async () => {
    let tries = 0;
    const handler = processStream("shipments", async (event) => {
      if ((event.data as { fail?: boolean }).fail) {
        tries++;
        throw new Error("store away");
      }
    });
    const deliver = shipmentsOnEventHubs(handler);
    const { positions, letters } = await deliver([
      { partitionKey: "k", body: '{"fail":true}' },
      { partitionKey: "k", body: "{}" },
      { partitionKey: "j", body: "{}" },
    ]);
    expect(tries).toBe(STREAM_ATTEMPTS);
    expect(letters.map((l) => [l.position, l.reason, l.attempts])).toEqual([
      [positions[0], "attempts exhausted", STREAM_ATTEMPTS],
      [positions[1], "attempts exhausted", STREAM_ATTEMPTS],
    ]);
  });

  it("writes nothing to the dead-letter queue when every record applies", async () => {
    const deliver = shipmentsOnEventHubs(async () => ({ failed: [] }));
    expect((await deliver([{ partitionKey: "k", body: "{}" }])).letters).toEqual([]);
  });
});
