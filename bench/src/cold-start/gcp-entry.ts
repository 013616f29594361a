import { http } from "@google-cloud/functions-framework";
import { Firestore } from "@google-cloud/firestore";
import type { PubSub } from "@google-cloud/pubsub";
import type { Order } from "@skyport/core";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/ports/ids.js";
import { handWrittenGcpHttp } from "../hand-written/gcp-functions.js";
import { plainObservability } from "../hand-written/observability.js";

/** Lines to stdout, which the platform ships to its log store; pino at info, as the templates deploy. */
const stdout = (line: string) => void process.stdout.write(line);

// The hand-written HTTP function for the functions framework: Firestore made at load; Pub/Sub
// imported on the first publish, as Skyport's publisher does.
const firestore = new Firestore({ projectId: process.env.GOOGLE_CLOUD_PROJECT });
const orders = firestore.collection("orders");
let pubsub: Promise<PubSub> | undefined;

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
    events: {
      async publish(event) {
        pubsub ??= import("@google-cloud/pubsub").then(({ PubSub }) => new PubSub());
        await (await pubsub).topic(process.env.SKYPORT_TOPIC_ORDERS!).publishMessage({ json: event });
      },
    },
  }),
);
