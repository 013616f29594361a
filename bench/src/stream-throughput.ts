import { performance } from "node:perf_hooks";
import { output } from "@azure/functions";
import { lambdaStreamHandler } from "@skyport/aws-lambda";
import { azureStreamHandler } from "@skyport/azure-functions";
import { hostEventHubBatch } from "@skyport/azure-functions/testing";
import { processStream, silentLogger, systemClock, type StreamHandler } from "@skyport/core";
import { applyShipment, MemoryOrderStore, shipmentDispatched, type Order, ulidIds } from "@skyport/core/orders";
import { gcpStreamHandler } from "@skyport/gcp-functions";
import { InProcessStream } from "@skyport/local";
import type { Spread } from "./decision/interval.js";
import { median } from "./decision/interval.js";
import { rateLines } from "./table.js";

/** Records per second through one stream consumer, and the hand-written consumer of the same records in the same run. */
export interface StreamRow {
  consumer: string;
  records: number;
  recordsPerSecond: number;
  /** recordsPerSecond over the hand-written consumer's in the same round: the median of the rounds, then of the processes. */
  ratio?: number;
  /** That ratio's median and interval over fresh processes (each process one sample). */
  ratioSpread?: Spread;
}

const BATCH = 100;
const ids = ulidIds(systemClock);

/** A confirmed order as the service stores it (core/testing's builders load vitest, which the bench does not run under). */
function confirmedOrder(): Order {
  const at = new Date().toISOString();
  const items = [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }];
  return { id: ids.orderId(), customerId: "cus_bench", items, currency: "EUR", total: 3998, status: "confirmed", createdAt: at, updatedAt: at, version: 2 };
}

/** The record a warehouse puts on the stream for an order, partition key orderId. */
function shipmentRecord(order: Order, shipmentId: string) {
  const data = {
    type: "shipment.dispatched",
    orderId: order.id,
    shipmentId,
    carrier: "DHL Express",
    trackingNumber: "JD014600003828",
    dispatchedAt: "2026-11-27T09:30:00Z",
  };
  return { key: order.id, data: JSON.stringify(data) };
}

/** `orders` confirmed orders, each dispatched `copies` times (the first applies, the rest change nothing), in batches of 100. */
async function workload(orders: number, copies: number) {
  const store = new MemoryOrderStore();
  const confirmed: Order[] = [];
  for (let i = 0; i < orders; i++) {
    const order = confirmedOrder();
    await store.create(order);
    confirmed.push(order);
  }
  const records = Array.from({ length: copies }, () => confirmed.map((order, i) => shipmentRecord(order, `shp-${i}`))).flat();
  const batches = Array.from({ length: Math.ceil(records.length / BATCH) }, (_, i) => records.slice(i * BATCH, (i + 1) * BATCH));
  return { store, confirmed, records, batches };
}

/** Every order shipped once, by its first record (version 3, its first shipment), or the rate would be of work not done. */
async function checkShipped(consumer: string, { store, confirmed }: Awaited<ReturnType<typeof workload>>) {
  for (const [i, { id }] of confirmed.entries()) {
    const order = await store.get(id);
    if (order?.status !== "shipped" || order.version !== 3 || order.shipment?.shipmentId !== `shp-${i}`) {
      throw new Error(`${consumer}: order ${id} is ${order?.status} v${order?.version} after its records, not shipped once`);
    }
  }
}

/** Builds a stream function and its cloud's events for every batch (untimed), and returns the run that feeds them to it (timed). */
type Feed = (batches: { key: string; data: string }[][], handler: StreamHandler, store: MemoryOrderStore) => () => Promise<void>;

const kinesisRecord = (key: string, data: string, sequence: number) => ({
  kinesis: {
    kinesisSchemaVersion: "1.0",
    partitionKey: key,
    sequenceNumber: String(sequence),
    data: Buffer.from(data).toString("base64"),
    approximateArrivalTimestamp: 0,
  },
  eventSource: "aws:kinesis",
  eventVersion: "1.0",
  eventID: `shardId-000000000000:${sequence}`,
  eventName: "aws:kinesis:record",
  invokeIdentityArn: "arn:aws:iam::123456789012:role/bench",
  awsRegion: "us-east-1",
  eventSourceARN: "arn:aws:kinesis:us-east-1:123456789012:stream/shipments",
});
const lambdaContext = { awsRequestId: "bench", getRemainingTimeInMillis: () => 60_000 } as never;

/** Each adapter's stream function, fed its cloud's event for every batch, the events built beforehand as the platform builds them. */
const FEEDS: Record<string, Feed> = {
  "Lambda (Kinesis batch)": (batches, handler) => {
    const lambda = lambdaStreamHandler(async () => handler, { logger: silentLogger }, undefined);
    let sequence = 0;
    const events = batches.map((batch) => ({ Records: batch.map((r) => kinesisRecord(r.key, r.data, ++sequence)) }));
    return async () => {
      for (const event of events) await lambda(event as never, lambdaContext);
    };
  },
  "functions framework (one push per record)": (batches, handler) => {
    // The framework's Express request and response reduced to what the function reads and calls: no HTTP in the loop.
    const push = gcpStreamHandler(async () => handler, { logger: silentLogger }, undefined);
    let id = 0;
    const bodies = batches.flat().map((record) => ({
      message: { data: Buffer.from(record.data).toString("base64"), messageId: String(++id), orderingKey: record.key },
      subscription: "bench",
    }));
    return async () => {
      for (const body of bodies) {
        const res = { status: () => res, end: () => res };
        await push({ method: "POST", body } as never, res as never);
      }
    };
  },
  "Azure (Event Hubs batch)": (batches, handler) => {
    const deadLetters = output.storageQueue({ queueName: "shipments-stream-poison", connection: "AzureWebJobsStorage" });
    const trigger = azureStreamHandler(async () => handler, { logLevel: "error" }, { stream: "shipments", deadLetters });
    let sequence = 0;
    const invocations = batches.map((batch) => {
      const hosted = hostEventHubBatch(
        batch.map((r) => ({ partitionKey: r.key, body: r.data })),
        { firstSequence: sequence },
      );
      sequence += batch.length;
      return hosted;
    });
    return async () => {
      for (const { messages, invocation } of invocations) await trigger(messages, invocation);
    };
  },
  "local in-process stream": (batches, handler) => {
    const stream = new InProcessStream("shipments", () => silentLogger);
    stream.attach(async () => handler);
    const puts = batches.map((batch) => batch.map((r) => ({ partitionKey: r.key, data: r.data })));
    return async () => {
      for (const put of puts) await stream.put(put);
    };
  },
};

/** The same work by hand: parse, check, read, write if confirmed, in order, one record after the other. */
async function handWritten(batches: { key: string; data: string }[][], store: MemoryOrderStore) {
  for (const record of batches.flat()) {
    const { orderId, shipment } = shipmentDispatched(JSON.parse(record.data));
    const order = await store.get(orderId);
    if (order?.status !== "confirmed") continue;
    await store.update({ ...order, status: "shipped", shipment, updatedAt: new Date().toISOString(), version: order.version + 1 }, order.version);
  }
}

async function timed(run: () => Promise<void>, records: number): Promise<number> {
  const started = performance.now();
  await run();
  return Math.round(records / ((performance.now() - started) / 1000));
}

/**
 * `npm run bench`'s stream rows in this process: records per second through each adapter's stream function on the
 * memory store and through the hand-written consumer of the same records, each on a fresh store, taking turns round
 * by round (the order reversed every other round); each rate is the median of the rounds, each ratio the median of
 * the rounds' ratios to the hand-written consumer's in the same round. A run that did not ship every order exactly
 * once fails the bench.
 */
export async function measureStreamThroughput(orders = 500, copies = 4, rounds = 5, warmup = 1, only?: string): Promise<StreamRow[]> {
  /** Prepares a consumer on a workload (untimed) and returns its timed run. */
  type Run = (w: Awaited<ReturnType<typeof workload>>) => () => Promise<void>;
  const consumers: [string, Run][] = [
    ["hand-written consumer", (w) => () => handWritten(w.batches, w.store)],
    // `only`: the consumers whose name has it, beside the hand-written one (a profile of one: --consumer="functions framework").
    ...Object.entries(FEEDS)
      .filter(([consumer]) => only === undefined || consumer.includes(only))
      .map(([consumer, feed]): [string, Run] => [
        consumer,
        (w) => feed(w.batches, processStream("shipments", applyShipment({ orders: w.store, clock: systemClock })), w.store),
      ]),
  ];
  const rates = consumers.map(() => [] as number[]);
  let records = 0;
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < consumers.length; i++) {
      const k = round % 2 ? consumers.length - 1 - i : i;
      const [consumer, run] = consumers[k]!;
      const w = await workload(orders, copies);
      records = w.records.length;
      const rate = await timed(run(w), records);
      await checkShipped(consumer, w);
      if (round >= warmup) rates[k]!.push(rate);
    }
  }
  return consumers.map(([consumer], k) => ({
    consumer,
    records,
    recordsPerSecond: Math.round(median(rates[k]!)),
    ratio: median(rates[k]!.map((rate, round) => rate / rates[0]![round]!)),
  }));
}

/** The rows as printed lines. */
export function streamReport(rows: StreamRow[]): string {
  return rateLines(
    rows.map((row) => ({ consumer: row.consumer, perSecond: row.recordsPerSecond, ratio: row.ratio, ratioSpread: row.ratioSpread })),
    "records",
  );
}
