import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@skyport/core";
import { orderStoresOn } from "@skyport/core/orders";
import { openSqliteDocuments } from "@skyport/sqlite";
import { fetchTarget } from "@skyport/core/testing";
import { hostileInputContract, httpContract, queueContract, scheduleContract } from "@skyport/core/orders/testing";
import { startLocalServer } from "./local-server.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
let databases = 0;
const logs: string[] = [];
const quiet = { logWrite: (line: string) => void logs.push(line) };
const env = (extra: Record<string, string> = {}) => ({
  PORT: "0",
  SKYPORT_SQLITE_PATH: join(dir, `orders-${++databases}.db`),
  SKYPORT_DEAD_LETTER_FILE: join(dir, `dead-letters-${databases}.jsonl`),
  SKYPORT_QUEUE_PATH: join(dir, `queues-${databases}.db`),
  SKYPORT_LOG_LEVEL: "error",
  ...extra,
});

httpContract("local server over HTTP, SQLite", async () => {
  const server = await startLocalServer(env(), quiet);
  // A second connection to the same file: the contract holds idempotency keys in flight through it.
  const peer = orderStoresOn(openSqliteDocuments(server.databasePath!));
  return fetchTarget(server.url, {
    orders: peer.orders,
    idempotency: peer.idempotency,
    settle: () => server.settle(),
    close: async () => {
      await server.close();
      await peer.close();
    },
  });
});

hostileInputContract("local server over HTTP, SQLite", async () => {
  const server = await startLocalServer(env(), quiet);
  const peer = orderStoresOn(openSqliteDocuments(server.databasePath!));
  return fetchTarget(server.url, {
    orders: peer.orders,
    secrets: [server.databasePath!],
    settle: () => server.settle(),
    close: async () => {
      await server.close();
      await peer.close();
    },
  });
});

queueContract("local server's in-process queue, SQLite", async () => {
  const server = await startLocalServer(env(), quiet);
  const peer = orderStoresOn(openSqliteDocuments(server.databasePath!));
  return {
    orders: peer.orders,
    async deliver(messages) {
      const { failed } = await server.queue.deliver(messages.map((m) => ({ ...m, attempt: m.attempt ?? 1 })));
      // Dead-lettered only if it is in the queue's dead letters, not merely reported failed.
      const deadLettered = new Set(server.queue.deadLetters.map((letter) => letter.message.id));
      const outcome = new Map(failed.map((f) => [f.id, deadLettered.has(f.id) ? "dead-lettered" : "retry"] as const));
      return Object.fromEntries(messages.map((m) => [m.id, outcome.get(m.id) ?? "done"]));
    },
    close: async () => {
      await server.close();
      await peer.close();
    },
  };
});

scheduleContract("local server's cleanup, SQLite", async () => {
  const server = await startLocalServer(env({ SKYPORT_CLEANUP_PAGE_SIZE: "4" }), quiet);
  const peer = orderStoresOn(openSqliteDocuments(server.databasePath!));
  return {
    orders: peer.orders,
    tick: server.cleanup,
    retentionDays: 30,
    cleanupPageSize: 4,
    close: async () => {
      await server.close();
      await peer.close();
    },
  };
});

describe("local server", () => {
  it("confirms a new order through the in-process queue", async () => {
    const server = await startLocalServer(env(), quiet);
    try {
      const target = fetchTarget(server.url);
      const body = JSON.stringify({ customerId: "cus_local", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
      const created = await target.send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
      const { id } = JSON.parse(created.body);
      await server.settle();
      const read = await target.send({ method: "GET", path: `/orders/${id}` });
      expect(JSON.parse(read.body)).toMatchObject({ status: "confirmed", version: 2 });
    } finally {
      await server.close();
    }
  });

  it("refuses to start with a wrong setting, naming the variable", async () => {
    await expect(startLocalServer(env({ SKYPORT_STORE: "postgres" }))).rejects.toThrow(
      'SKYPORT_STORE must be one of sqlite, memory, dynamodb, firestore, cosmos (got "postgres")',
    );
    await expect(startLocalServer(env({ SKYPORT_STORE: "dynamodb", SKYPORT_COLLECTION_ORDERS: "x" }))).rejects.toThrow(
      "SKYPORT_COLLECTION_ORDERS must be a DynamoDB table name",
    );
    await expect(startLocalServer(env({ PORT: "http" }))).rejects.toThrow("PORT must be an integer from 0 to 65535");
  });

  it("names every wrong setting at once: the server's, the configuration's and the store's", async () => {
    const wrong = env({ PORT: "http", SKYPORT_RETENTION_DAYS: "soon", SKYPORT_STORE: "cosmos", SKYPORT_COSMOS_ENDPOINT: "http://plain" });
    const error = await startLocalServer(wrong).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(["PORT", "SKYPORT_RETENTION_DAYS", "SKYPORT_COSMOS_ENDPOINT"]);
    expect((error as Error).message).toMatch(
      /^3 settings are wrong:\n {2}PORT must be .*\n {2}SKYPORT_RETENTION_DAYS must be .*\n {2}SKYPORT_COSMOS_ENDPOINT must be /,
    );
  });

  it("serves from memory with SKYPORT_STORE=memory", async () => {
    const server = await startLocalServer(env({ SKYPORT_STORE: "memory" }), quiet);
    try {
      const body = JSON.stringify({ customerId: "cus_mem", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
      const created = await fetchTarget(server.url).send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
      expect(created.status).toBe(201);
      expect(server.databasePath).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
