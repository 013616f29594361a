import { http } from "@google-cloud/functions-framework";
import { Firestore } from "@google-cloud/firestore";
import type { PubSub } from "@google-cloud/pubsub";
import type { Order } from "@skyport/core";
import { systemClock } from "../../../core/src/ports/clock.js";
import { ulidIds } from "../../../core/src/ports/ids.js";
import { handWrittenGcpHttp } from "../hand-written/gcp-functions.js";

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
    events: {
      async publish(event) {
        pubsub ??= import("@google-cloud/pubsub").then(({ PubSub }) => new PubSub());
        await (await pubsub).topic(process.env.SKYPORT_TOPIC_ORDERS!).publishMessage({ json: event });
      },
    },
  }),
);
