import { app } from "@azure/functions";
import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import { QueueClient } from "@azure/storage-queue";
import type { Order } from "@skyport/core";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/ports/ids.js";
import { handWrittenAzureHttp } from "../hand-written/azure-functions.js";
import { plainObservability } from "../hand-written/observability.js";

/** Lines to stdout, which the platform ships to its log store; pino at info, as the templates deploy. */
const stdout = (line: string) => void process.stdout.write(line);

// The hand-written app.http function: Cosmos DB and the Storage queue on the managed identity,
// clients made at load, as Skyport's Azure bundle carries them.
const credential = new DefaultAzureCredential();
const orders = new CosmosClient({ endpoint: process.env.SKYPORT_COSMOS_ENDPOINT!, aadCredentials: credential }).database("skyport").container("orders");
const queue = new QueueClient(`${process.env.SKYPORT_QUEUE_SERVICE_URL}/${process.env.SKYPORT_TOPIC_ORDERS}`, credential);

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
  events: {
    async publish(event) {
      await queue.sendMessage(Buffer.from(JSON.stringify(event)).toString("base64"));
    },
  },
});

app.http("api", { route: "{*path}", methods: ["GET", "POST"], authLevel: "anonymous", handler: http });

/** The registered handlers by name, as Skyport's bundle exports them. */
export const handlers = { api: http };
