// Installed before anything loads @azure/functions, as the worker does before it loads the app.
import { installWorkerCore, type RpcInvocation } from "../src/testing/worker-core.js";
const worker = installWorkerCore();

import type { OrderStore } from "@skyport/core/orders";
import { describe, expect, it } from "vitest";

const { defineApp, silentLogger, stream, systemClock } = await import("@skyport/core");
const { applyShipment, MemoryOrderStore } = await import("@skyport/core/orders");
const { orderAt, shipmentRecord } = await import("@skyport/core/orders/testing");
const { registerAzureFunctions } = await import("../src/index.js");

// No Event Hubs emulator installs here: the host's side is its documented RPC data for an Event Hubs
// batch (cardinality many: the bodies as a string collection, the trigger metadata by PascalCase
// name, one array entry per event), and the library's own InvocationModel turns it into what the function gets.
const orders = new MemoryOrderStore();
const app = defineApp({
  name: "orders",
  functions: { ship: stream("shipments", (services: { orders: OrderStore }) => applyShipment({ ...services, clock: systemClock })) },
});
registerAzureFunctions(app, { logger: silentLogger, services: async () => ({ orders }) }, { logLevel: "warn", maxDequeueCount: 5 });

const bindings = () => worker.registered.get("ship")!.metadata.bindings;
const triggerName = () => Object.entries(bindings()).find(([, b]) => b.direction === "in")![0];

/** One batch from partition 3, sequence numbers from 41, as the host sends it to the Node.js worker. */
function hostBatch(events: { partitionKey: string; body: string }[]): RpcInvocation {
  const json = (value: unknown) => ({ json: JSON.stringify(value) });
  const sequences = events.map((_, i) => 41 + i);
  const enqueued = new Date().toISOString();
  return {
    inputData: [{ name: triggerName(), data: { collectionString: { string: events.map((event) => event.body) } } as never }],
    triggerMetadata: {
      PartitionContext: json({ ConsumerGroup: "ship", EventHubName: "shipments", FullyQualifiedNamespace: "skyport.servicebus.windows.net", PartitionId: "3" }),
      PartitionKeyArray: json(events.map((event) => event.partitionKey)),
      SequenceNumberArray: json(sequences),
      OffsetArray: json(sequences.map((sequence) => String(sequence * 512))),
      EnqueuedTimeUtcArray: json(events.map(() => enqueued)),
      PropertiesArray: json(events.map(() => ({}))),
      SystemPropertiesArray: json(events.map((event, i) => ({ SequenceNumber: sequences[i], PartitionKey: event.partitionKey, EnqueuedTimeUtc: enqueued }))),
    },
  };
}

describe("a stream function registered with the Functions worker", () => {
  it("reads its event hub, named by SKYPORT_STREAM_<NAME>, by identity, in batches, in a consumer group named after the function", () => {
    expect(bindings()[triggerName()]).toMatchObject({
      type: "eventHubTrigger",
      direction: "in",
      eventHubName: "%SKYPORT_STREAM_SHIPMENTS%",
      connection: "SKYPORT_EVENTHUBS",
      consumerGroup: "ship",
      cardinality: "many",
    });
    const outputs = Object.values(bindings()).filter((b) => b.direction === "out");
    expect(outputs).toEqual([expect.objectContaining({ type: "queue", queueName: "shipments-stream-poison", connection: "AzureWebJobsStorage" })]);
  });

  it("ships from the host's batch, and writes the poison record to the poison queue with its partition and sequence number", async () => {
    const order = orderAt(new Date(), { status: "confirmed", version: 2 });
    await orders.create(order);
    const invocation = hostBatch([
      { partitionKey: order.id, body: "{oops" },
      { partitionKey: order.id, body: shipmentRecord(order, "shp-rpc").data },
    ]);
    const response = (await worker.invoke("ship", invocation)) as { outputData?: { name: string; data: { json?: string } }[] };
    expect(await orders.get(order.id)).toMatchObject({ status: "shipped", shipment: { shipmentId: "shp-rpc" } });
    const written = response.outputData?.find((output) => bindings()[output.name]?.type === "queue");
    const letters = (JSON.parse(written!.data.json!) as string[]).map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(letters).toEqual([expect.objectContaining({ stream: "shipments", partitionKey: order.id, position: "3:41", data: "{oops", reason: "poison" })]);
  });
});
