import { loadavg } from "node:os";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type Documents, idempotencyCollection, StoreUnavailable } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorEnv, startCosmosServer } from "@skyport/cosmos/testing";
import { dynamoDbDocumentsOn } from "@skyport/dynamodb";
import { startDynamoDbLocal } from "@skyport/dynamodb/testing";
import { startFirestoreEmulator } from "@skyport/firestore/testing";
import { startRedisServer } from "@skyport/redis/testing";
import { documentsOn } from "../../../adapters/firestore/src/documents/firestore-documents.js";
import { firestoreClient } from "../../../adapters/firestore/src/firestore-client.js";
import { textTable } from "../table.js";
import { type CacheCounts, type CacheResult, type CacheRow, measureCacheOn } from "./measure.js";

export type { CacheCounts, CacheResult, CacheRow } from "./measure.js";

interface StoreOnEmulator {
  store: string;
  on: string;
  documents: Documents;
  stop(): Promise<void>;
}

const stopBoth = async (documents: Documents, emulator: { stop(): Promise<void> }) => {
  await documents.close();
  await emulator.stop();
};

const STORES: (() => Promise<StoreOnEmulator>)[] = [
  async () => {
    const local = await startDynamoDbLocal();
    const client = new DynamoDBClient({ endpoint: local.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    const documents = dynamoDbDocumentsOn(client, {});
    return { store: "dynamodb", on: "DynamoDB Local", documents, stop: () => stopBoth(documents, local) };
  },
  async () => {
    const emulator = await startFirestoreEmulator();
    const env = { FIRESTORE_EMULATOR_HOST: emulator.host, GOOGLE_CLOUD_PROJECT: "demo-skyport-bench" };
    const documents = documentsOn(firestoreClient(env), env);
    // The emulator's JVM can outlast the store's deadline on its first calls.
    for (let tries = 1; ; tries++) {
      const ready = await documents.ensure([ordersCollection, idempotencyCollection]).then(
        () => true,
        (error: unknown) => (error instanceof StoreUnavailable && tries < 10 ? false : Promise.reject(error)),
      );
      if (ready) break;
    }
    return { store: "firestore", on: "the Firestore emulator", documents, stop: () => stopBoth(documents, emulator) };
  },
  async () => {
    const server = await startCosmosServer();
    const documents = cosmosDocuments(emulatorEnv(server, "bench-cache"), { agent: emulatorAgent() });
    return { store: "cosmos", on: "the Cosmos DB local server", documents, stop: () => stopBoth(documents, server) };
  },
];

/** GET /orders/{id}'s read on each cloud store's emulator: a hit of the Redis cache (Debian's redis-server on loopback) against a store read. */
export async function measureOrderCache(counts: CacheCounts, command: string): Promise<CacheResult> {
  const startedAt = new Date().toISOString();
  const before = loadavg()[0]!;
  const redis = await startRedisServer();
  const rows: CacheRow[] = [];
  try {
    for (const start of STORES) {
      const store = await start();
      try {
        rows.push(await measureCacheOn(store, redis.url, counts));
      } finally {
        await store.stop();
      }
    }
  } finally {
    await redis.stop();
  }
  return { command, startedAt, ...counts, loadAverage: [before, loadavg()[0]!], rows };
}

const us = (value: number) => `${Math.round(value)} µs`;

/** The rows as the terminal and README show them. */
export function cacheReport(result: CacheResult): string {
  return textTable(
    ["store", "on", "cache hit", "store read", "store / hit (min-max)"],
    result.rows.map((row) => [
      row.store,
      row.on,
      us(row.hitUs),
      us(row.storeUs),
      `${row.ratio.toFixed(1)}× (${row.ratioMin.toFixed(1)}-${row.ratioMax.toFixed(1)})`,
    ]),
  );
}
