import { switchableProxy } from "@skyport/core/testing";
import { orderAt, outageContract } from "@skyport/core/orders/testing";
import { pushDelivery } from "@skyport/gcp-functions/testing";
import { inject } from "vitest";
import { gcpApp } from "./gcp-app.js";
import { uniqueProject } from "./function-env.js";

/**
 * Firestore goes away mid-run (a proxy in front of the emulator resets every connection): the
 * HTTP function answers 503, and the queue function answers 500, which Pub/Sub redelivers. A
 * write that answered 503 never lands later: the store ends the SDK's attempts at its deadline.
 */
outageContract("GCP functions framework, Firestore emulator behind a switchable proxy", async () => {
  const emulatorPort = Number(inject("gcp").firestoreHost.split(":")[1]);
  const proxy = await switchableProxy(emulatorPort);
  // A short per-operation deadline, as in the store's own outage test: the default (5 s) is for production.
  const app = await gcpApp(uniqueProject("outage"), {}, { host: `127.0.0.1:${proxy.port}`, deadlineMs: 1500 });
  // The emulator's first requests can outlast that deadline while its JVM warms up, and core does
  // not retry a failure that took over a second: a write first, then until the functions answer.
  await app.peer.orders.create(orderAt(new Date()));
  for (let tries = 0; tries < 20 && (await app.send({ method: "GET", path: "/orders/ord_00000000000000000000000000" })).status === 503; tries++);
  return {
    send: app.send,
    settle: app.settle,
    deliver: pushDelivery(app.urls.queue, "binary", () => app.lines),
    storeDown: () => proxy.down(),
    storeUp: () => proxy.up(),
    close: async () => {
      await app.close();
      await proxy.close();
    },
  };
});
