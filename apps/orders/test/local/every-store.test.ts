import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { fetchTarget, httpContract } from "@skyport/core/testing";
import { describe, expect, inject, it } from "vitest";
import { startLocalServer } from "./local-server.js";

/**
 * The local server on every store, configured with the variables each cloud uses: the same HTTP
 * contract as on SQLite (local-server.test.ts) on memory; on a cloud store's stand-in it refuses
 * to start, since it has no change feed to run the app's outbox function on (the clouds do).
 */
const { dynamoDb, firestore, cosmos } = inject("localEmulators");
const quiet = { logWrite: () => {} };

// The AWS SDK reads its endpoint, region and credentials from the process, as in Lambda.
const dynamoDbEnv = dynamoDbLocalEnv(dynamoDb.endpoint, dynamoDb.table);
Object.assign(process.env, dynamoDbEnv);

httpContract("local server over HTTP, memory", async () => {
  const server = await startLocalServer({ PORT: "0", SKYPORT_LOG_LEVEL: "error", SKYPORT_STORE: "memory" }, quiet);
  const { orders, idempotency } = await server.stores();
  return fetchTarget(server.url, { orders, idempotency, settle: () => server.settle(), close: server.close });
});

const CLOUD_STORES: Record<string, Record<string, string>> = {
  "DynamoDB Local": dynamoDbEnv as Record<string, string>,
  "the Firestore emulator": { SKYPORT_STORE: "firestore", FIRESTORE_EMULATOR_HOST: firestore.host, GOOGLE_CLOUD_PROJECT: firestore.project },
  "the Cosmos DB server": {
    SKYPORT_STORE: "cosmos",
    SKYPORT_COSMOS_ENDPOINT: cosmos.endpoint,
    SKYPORT_COSMOS_KEY: cosmos.key,
    SKYPORT_COSMOS_DATABASE: cosmos.database,
  },
};

describe("the local server on a cloud store", () => {
  for (const [name, settings] of Object.entries(CLOUD_STORES)) {
    it(`refuses to start on ${name}, naming the outbox function and the stores it can run on, rather than never announce an order`, async () => {
      await expect(startLocalServer({ PORT: "0", SKYPORT_LOG_LEVEL: "error", ...settings }, quiet)).rejects.toThrow(
        "outbox reads the orders change feed, and the local server reads change feeds from the sqlite and memory stores only",
      );
    });
  }
});
