import { isAbsolute, join } from "node:path";
import { performance } from "node:perf_hooks";
import { output } from "@azure/functions";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { lambdaChangesHandler } from "@skyport/aws-lambda";
import { hostInvocationContext } from "@skyport/azure-functions/testing";
import {
  changes,
  checkDocument,
  lazyHandler,
  type ChangesHandler,
  type EventPublisher,
  type Lazy,
  MemoryOutbox,
  type QueueEvent,
  silentLogger,
  systemClock,
} from "@skyport/core";
import { MemoryOrderStore, type Order, ordersCollection, publishOrderCreated, ulidIds } from "@skyport/core/orders";
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { gcpChangesHandler } from "@skyport/gcp-functions";
import protobuf from "protobufjs";
// Azure's index does not export its changes handler, nor @skyport/local its poller: the sources, as the bench reads core's.
import { azureChangesHandler } from "../../adapters/azure-functions/src/changes/handler.js";
import { ChangeFeedPoller } from "../../adapters/local/src/change-feed-poller.js";
import { itemOf } from "../../adapters/dynamodb/src/documents/stored-item.js";
import { REPO } from "./bundles/deployed-bundles.js";
import type { Spread } from "./decision/interval.js";
import { median } from "./decision/interval.js";
import { rateLines } from "./table.js";

/** Changes per second through one changes function, and the hand-written consumer of the same changes in the same run. */
export interface ChangeFeedRow {
  consumer: string;
  changes: number;
  changesPerSecond: number;
  /** changesPerSecond over the hand-written consumer's in the same round: the median of the rounds, then of the processes. */
  ratio?: number;
  /** That ratio's median and interval over fresh processes (each process one sample). */
  ratioSpread?: Spread;
}

const BATCH = 100;
const ids = ulidIds(systemClock);
/** The order app's outbox, declared as apps/orders/src/app.ts declares it, on the one service publishOrderCreated reads (the queue). */
const outbox = changes("orders", publishOrderCreated);

/** A new order as the service commits it (core/testing's builders load vitest, which the bench does not run under). */
function newOrder(): Order {
  const at = new Date().toISOString();
  const items = [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }];
  return { id: ids.orderId(), customerId: "cus_bench", items, currency: "EUR", total: 3998, status: "pending", createdAt: at, updatedAt: at, version: 1 };
}

/** An in-memory orders queue that keeps what was published, so that each round proves the work was done. */
function recordingQueue() {
  const published: QueueEvent[] = [];
  const events: EventPublisher = {
    publish: async (event) => {
      published.push(event);
    },
  };
  return { events, published };
}

type Queue = ReturnType<typeof recordingQueue>;
const handlerOn = (queue: Queue): Lazy<ChangesHandler> => lazyHandler(outbox, { logger: silentLogger, services: async () => ({ events: queue.events }) });

/** A DynamoDB Streams INSERT record (NEW_AND_OLD_IMAGES) of the order's item as the DynamoDB store writes it (the orders collection's table). */
function streamRecord(order: Order, sequence: number): DynamoDBRecord {
  const item = itemOf(ordersCollection, checkDocument(ordersCollection, order), `v${sequence}`);
  return {
    eventID: `bench-${sequence}`,
    eventName: "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "us-east-1",
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.parse(order.createdAt) / 1000),
      Keys: { id: { S: order.id } },
      NewImage: marshall(item) as Record<string, AttributeValue>,
      SequenceNumber: `1${String(sequence).padStart(20, "0")}`,
      SizeBytes: 256,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    eventSourceARN: "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-27T00:00:00.000",
  };
}

/** The Cosmos DB trigger's document (latest-version mode): the order's item as the Cosmos store writes it, and the system properties. */
function cosmosDocument(order: Order, lsn: number) {
  const ts = Math.floor(Date.parse(order.createdAt) / 1000);
  return {
    id: order.id.replaceAll("_", "_5F"),
    p_id: order.id,
    i_by_customer: order.customerId,
    i_by_status: order.status,
    $version: `v${lsn}`,
    $document: JSON.stringify(order),
    _rid: "AAAAAAAAAAABAAAAAAAAAA==",
    _self: `dbs/AAAAAA==/colls/AAAAAAAAAAA=/docs/${lsn}/`,
    _etag: `"${lsn}"`,
    _attachments: "attachments/",
    _ts: ts,
    _lsn: lsn,
  };
}

/** The vendored protos, imports resolved from their root as `pbjs -p proto` does (google/protobuf/* are protobufjs's own). */
function protoRoot(): protobuf.Root {
  const dir = join(REPO, "adapters/gcp-functions/proto");
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (isAbsolute(target) ? target : join(dir, target));
  return root.loadSync(join(dir, "google/events/cloud/firestore/v1/data.proto"), { keepCase: true });
}

/** `DocumentEventData` from the vendored proto (the adapter's generated module only decodes): loaded once. */
let documentEventData: protobuf.Type | undefined;
function firestoreEventData(order: Order): Uint8Array {
  documentEventData ??= protoRoot().lookupType("google.events.cloud.firestore.v1.DocumentEventData");
  const at = (iso: string) => ({ seconds: Math.floor(Date.parse(iso) / 1000), nanos: (Date.parse(iso) % 1000) * 1e6 });
  const text = (s: string) => ({ string_value: s });
  // The order as @skyport/firestore stores it: its JSON text and version beside the key and index fields.
  const fields = {
    $document: text(JSON.stringify(order)),
    $version: text(`v${order.version}`),
    k_id: text(order.id),
    k_customerId: text(order.customerId),
    k_status: text(order.status),
    k_createdAt: text(order.createdAt),
  };
  const name = `projects/bench/databases/(default)/documents/orders/${order.id}`;
  const value = { name, fields, create_time: at(order.createdAt), update_time: at(order.updatedAt) };
  return documentEventData.encode(documentEventData.fromObject({ value })).finish();
}

/** Eventarc's `document.v1.created` CloudEvent for the order (its data the protobuf bytes). */
function firestoreEvent(order: Order, data: Uint8Array) {
  return {
    specversion: "1.0",
    id: `bench-${order.id}`,
    source: "//firestore.googleapis.com/projects/bench/databases/(default)",
    type: "google.cloud.firestore.document.v1.created",
    subject: `documents/orders/${order.id}`,
    time: order.createdAt,
    datacontenttype: "application/protobuf",
    data,
  };
}

/**
 * `count` new orders, each already in every format's event and in the memory store's outbox, where
 * the store recorded its insert (all of it outside the timed loop).
 */
async function workload(count: number) {
  const orders = Array.from({ length: count }, newOrder);
  const feed = new MemoryOutbox();
  const store = new MemoryOrderStore(feed);
  for (const order of orders) await store.create(order);
  const inBatches = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));
  return {
    orders,
    feed,
    streamEvents: inBatches(orders.map(streamRecord)).map((Records): DynamoDBStreamEvent => ({ Records })),
    cosmosBatches: inBatches(orders.map(cosmosDocument)),
    firestoreEvents: orders.map((order) => firestoreEvent(order, firestoreEventData(order))),
  };
}

type Workload = Awaited<ReturnType<typeof workload>>;
type Feed = (w: Workload, queue: Queue) => Promise<void>;
const lambdaContext = { awsRequestId: "bench", getRemainingTimeInMillis: () => 60_000 } as never;

/** Each adapter's changes function running the order outbox, fed its cloud's event for every batch. */
const FEEDS: Record<string, Feed> = {
  "Lambda (DynamoDB Streams batch)": async (w, queue) => {
    const lambda = lambdaChangesHandler(handlerOn(queue), { logger: silentLogger });
    for (const event of w.streamEvents) await lambda(event, lambdaContext);
  },
  "functions framework (one Firestore event per change)": async (w, queue) => {
    const cloudEvent = gcpChangesHandler(handlerOn(queue), { logger: silentLogger });
    for (const event of w.firestoreEvents) await cloudEvent(event);
  },
  "Azure (Cosmos DB trigger batch)": async (w, queue) => {
    const deadLetters = output.storageQueue({ queueName: "orders-changes-poison", connection: "AzureWebJobsStorage" });
    const trigger = azureChangesHandler(handlerOn(queue), { logLevel: "error" }, { collection: "orders", deadLetters });
    for (const documents of w.cosmosBatches) await trigger(documents, hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" }));
  },
  "local change-feed poller (memory outbox)": async (w, queue) => {
    // Not started: no timer reads the outbox; settle() drains it, batch after batch, as the timer would.
    await new ChangeFeedPoller("outbox", "orders", w.feed, handlerOn(queue), silentLogger, { pollMs: 100 }).settle();
  },
};

/** The same work by hand on the DynamoDB Streams event: INSERT records only, the order read from the NewImage's $document, order.created published. */
async function handWritten(w: Workload, queue: Queue) {
  for (const event of w.streamEvents) {
    for (const record of event.Records) {
      if (record.eventName !== "INSERT" || !record.dynamodb?.NewImage) continue;
      const { $document } = unmarshall(record.dynamodb.NewImage as Parameters<typeof unmarshall>[0]) as { $document: string };
      const order = JSON.parse($document) as Order;
      await queue.events.publish({ type: "order.created", orderId: order.id });
    }
  }
}

/** Throws unless each new order was announced by exactly one order.created, and nothing else went out: no speed for work not done. */
function checkPublished(consumer: string, orders: Order[], queue: Queue) {
  const announced = new Map(orders.map((order) => [order.id, 0]));
  let others = 0;
  for (const event of queue.published) {
    const times = event.type === "order.created" ? announced.get(String(event.orderId)) : undefined;
    if (times === undefined) others++;
    else announced.set(String(event.orderId), times + 1);
  }
  const notOnce = [...announced.values()].filter((times) => times !== 1).length;
  if (notOnce > 0 || others > 0) {
    throw new Error(`change-feed bench: ${consumer}: ${notOnce} of ${orders.length} new orders not announced exactly once, ${others} other events published`);
  }
}

/**
 * `npm run bench`'s change-feed rows in this process: changes per second through each adapter's changes function
 * running the order outbox (publishOrderCreated) on an in-memory queue and through a hand-written consumer of the same
 * DynamoDB Streams events, each on fresh events and a fresh queue, taking turns round by round (the order reversed
 * every other round); each rate is the median of the rounds, each ratio the median of the rounds' ratios to the
 * hand-written consumer's in the same round. Throws if a consumer did not publish every new order once.
 */
export async function measureChangeFeedThroughput(count = 5000, rounds = 5, warmup = 1, only?: string): Promise<ChangeFeedRow[]> {
  // `only`: the consumers whose name has it, beside the hand-written one (a profile of one: --consumer=Lambda).
  const feeds = Object.entries(FEEDS).filter(([name]) => only === undefined || name.includes(only));
  const consumers: [string, Feed][] = [["hand-written consumer (DynamoDB Streams)", handWritten], ...feeds];
  const rates = consumers.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < consumers.length; i++) {
      const k = round % 2 ? consumers.length - 1 - i : i;
      const [consumer, run] = consumers[k]!;
      const w = await workload(count);
      const queue = recordingQueue();
      const started = performance.now();
      await run(w, queue);
      const seconds = (performance.now() - started) / 1000;
      checkPublished(consumer, w.orders, queue);
      if (round >= warmup) rates[k]!.push(count / seconds);
    }
  }
  return consumers.map(([consumer], k) => ({
    consumer,
    changes: count,
    changesPerSecond: Math.round(median(rates[k]!)),
    ratio: median(rates[k]!.map((rate, round) => rate / rates[0]![round]!)),
  }));
}

/** The rows as printed lines. */
export function changeFeedReport(rows: ChangeFeedRow[]): string {
  return rateLines(
    rows.map((row) => ({ consumer: row.consumer, perSecond: row.changesPerSecond, ratio: row.ratio, ratioSpread: row.ratioSpread })),
    "changes",
  );
}
