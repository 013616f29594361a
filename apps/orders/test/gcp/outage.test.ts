import { outageContract, switchableProxy } from "@skyport/core/testing";
import { pushDelivery } from "@skyport/gcp-functions/testing";
import { inject } from "vitest";
import { gcpApp } from "./gcp-app.js";
import { uniqueProject } from "./function-env.js";

/**
 * Firestore goes away mid-run (a proxy in front of the emulator resets every connection): the
 * HTTP function answers 503, and the queue function answers 500, which Pub/Sub redelivers.
 */
outageContract("GCP functions framework, Firestore emulator behind a switchable proxy", async () => {
  const emulatorPort = Number(inject("gcp").firestoreHost.split(":")[1]);
  const proxy = await switchableProxy(emulatorPort);
  // A short per-operation deadline, as in the store's own outage test: the default (10 s, three tries) is for production.
  const app = await gcpApp(uniqueProject("outage"), {}, { host: `127.0.0.1:${proxy.port}`, deadlineMs: 1500 });
  // The first call opens the gRPC channel, which can take longer than that deadline.
  await app.peer.orders.get("ord_00000000000000000000000000");
  await app.send({ method: "GET", path: "/orders/ord_00000000000000000000000000" });
  return {
    send: app.send,
    settle: app.settle,
    deliver: pushDelivery(app.urls.queue, "binary", () => app.lines),
    storeDown: () => proxy.down(),
    storeUp: () => proxy.up(),
    close: async () => (await app.close(), await proxy.close()),
  };
});
