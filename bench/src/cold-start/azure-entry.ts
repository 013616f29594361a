import { app } from "@azure/functions";
import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import type { Order } from "@skyport/core/orders";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/orders/ids.js";
import { handWrittenAzureHttp } from "../hand-written/azure-functions.js";
import { plainObservability } from "../hand-written/observability.js";

/** Lines to stdout, which the platform ships to its log store; pino at info, as the templates deploy. */
const stdout = (line: string) => void process.stdout.write(line);

// The hand-written app.http function: Cosmos DB on the managed identity, the client made at load. It
// publishes nothing, as Skyport's api: the Cosmos DB change feed (the outbox function) announces each order.
const credential = new DefaultAzureCredential();
const orders = new CosmosClient({ endpoint: process.env.SKYPORT_COSMOS_ENDPOINT!, aadCredentials: credential }).database("skyport").container("orders");

const http = handWrittenAzureHttp({
  orders: {
    async create(order: Order) {
      await orders.items.create(order);
    },
    async get(id: string) {
      const { resource } = await orders.item(id, id).read<Order>();
      return resource ?? null;
    },
  },
  ids: ulidIds(systemClock),
  observe: plainObservability("azure", "info", stdout),
});

app.http("api", { route: "{*path}", methods: ["GET", "POST"], authLevel: "anonymous", handler: http });

/** The registered handlers by name, as Skyport's bundle exports them. */
export const handlers = { api: http };
