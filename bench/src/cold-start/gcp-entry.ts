import { http } from "@google-cloud/functions-framework";
import { Firestore } from "@google-cloud/firestore";
import type { Order } from "@skyport/core/orders";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/orders/ids.js";
import { handWrittenGcpHttp } from "../hand-written/gcp-functions.js";
import { plainObservability } from "../hand-written/observability.js";

/** Lines to stdout, which the platform ships to its log store; pino at info, as the templates deploy. */
const stdout = (line: string) => void process.stdout.write(line);

// The hand-written HTTP function for the functions framework: Firestore made at load. It publishes
// nothing, as Skyport's api: the store's change feed (the outbox function) announces each order.
const firestore = new Firestore({ projectId: process.env.GOOGLE_CLOUD_PROJECT });
const orders = firestore.collection("orders");

http(
  "api",
  handWrittenGcpHttp({
    orders: {
      async create(order: Order) {
        await orders.doc(order.id).create(order);
      },
      async get(id: string) {
        const snapshot = await orders.doc(id).get();
        return snapshot.exists ? (snapshot.data() as Order) : null;
      },
    },
    ids: ulidIds(systemClock),
    observe: plainObservability("gcp", "info", stdout),
  }),
);
