import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { fetchTarget } from "@skyport/core/testing";
import { httpContract } from "@skyport/core/orders/testing";
import { describe, expect, inject, it } from "vitest";
import { startLocalServer } from "./local-server.js";

/**
 * The local server on every store, configured with the variables each cloud uses: the same HTTP
 * contract as on SQLite (local-server.test.ts), on memory and on each cloud store's stand-in,
 * with the app's outbox function reading each store's change feed (DynamoDB Local's stream; a
 * scan of versions on the Firestore emulator and the Cosmos DB server).
 */
const { dynamoDb, firestore, cosmos } = inject("localEmulators");
const quiet = { logWrite: () => {} };

// The AWS SDK reads its endpoint, region and credentials from the process, as in Lambda.
const dynamoDbEnv = dynamoDbLocalEnv(dynamoDb.endpoint, dynamoDb.tables);
Object.assign(process.env, dynamoDbEnv);

const STORES: Record<string, Record<string, string>> = {
  memory: { SKYPORT_STORE: "memory" },
  "DynamoDB Local": dynamoDbEnv as Record<string, string>,
  "the Firestore emulator": { SKYPORT_STORE: "firestore", FIRESTORE_EMULATOR_HOST: firestore.host, GOOGLE_CLOUD_PROJECT: firestore.project },
  "the Cosmos DB server": {
    SKYPORT_STORE: "cosmos",
    SKYPORT_COSMOS_ENDPOINT: cosmos.endpoint,
    SKYPORT_COSMOS_KEY: cosmos.key,
    SKYPORT_COSMOS_DATABASE: cosmos.database,
  },
};

for (const [name, settings] of Object.entries(STORES)) {
  httpContract(`local server over HTTP, ${name}`, async () => {
    const server = await startLocalServer({ PORT: "0", SKYPORT_LOG_LEVEL: "error", ...settings }, quiet);
    const { orders, idempotency } = await server.stores();
    return fetchTarget(server.url, { orders, idempotency, settle: () => server.settle(), close: server.close });
  });
}

describe("the local server's outbox on every store", () => {
  for (const [name, settings] of Object.entries(STORES)) {
    it(`announces a new order from ${name}'s change feed, and the queue confirms it`, async () => {
      const server = await startLocalServer({ PORT: "0", SKYPORT_LOG_LEVEL: "error", ...settings }, quiet);
      try {
        const target = fetchTarget(server.url);
        const body = JSON.stringify({ customerId: "cus_every_store", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
        const created = await target.send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
        const { id } = JSON.parse(created.body) as { id: string };
        await server.settle();
        const read = await target.send({ method: "GET", path: `/orders/${id}` });
        expect(JSON.parse(read.body)).toMatchObject({ id, status: "confirmed", version: 2 });
      } finally {
        await server.close();
      }
    });
  }
});
