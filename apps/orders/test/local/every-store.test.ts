import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { fetchTarget, httpContract } from "@skyport/core/testing";
import { inject } from "vitest";
import { startLocalServer } from "./local-server.js";

/**
 * The local server on every store, configured with the variables each cloud uses: the same HTTP
 * contract as on SQLite (local-server.test.ts), on memory and on each cloud store's stand-in.
 */
const { dynamoDb, firestore, cosmos } = inject("localEmulators");
const quiet = { logWrite: () => {} };

// The AWS SDK reads its endpoint, region and credentials from the process, as in Lambda.
const dynamoDbEnv = dynamoDbLocalEnv(dynamoDb.endpoint, dynamoDb.table);
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
    return fetchTarget(server.url, { orders, idempotency, settle: () => server.queue.drain(), close: server.close });
  });
}
