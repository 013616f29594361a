import { StoreUnavailable } from "@skyport/core";
import { orderStoresOn } from "@skyport/core/orders";
import { switchableProxy } from "@skyport/core/testing";
import { orderAt, outageContract, storeFaultsContract, storeOutageTarget } from "@skyport/core/orders/testing";
import { inject } from "vitest";
import { firestoreDocuments } from "../src/index.js";

/** The order service on the emulator through a proxy of its own, which the contract takes away or slows; each store operation has `deadlineMs`. */
async function behindProxy(deadlineMs?: number) {
  const [host, port] = inject("firestoreEmulatorHost").split(":");
  const proxy = await switchableProxy(Number(port), host);
  const env = { GOOGLE_CLOUD_PROJECT: "skyport-outage", FIRESTORE_EMULATOR_HOST: `127.0.0.1:${proxy.port}` };
  const stores = orderStoresOn(firestoreDocuments(env, { deadlineMs }));
  // The emulator's first writes can outlast a short deadline while its JVM warms up (core does not
  // retry a failure that took over a second): write until one fits in it.
  for (let tries = 1; ; tries++) {
    const written = await stores.orders.create(orderAt(new Date())).then(
      () => true,
      (error: unknown) => (error instanceof StoreUnavailable && tries < 20 ? false : Promise.reject(error)),
    );
    if (written) break;
  }
  // Not stores.close(): terminate() would wait some 7 s for gax's own retries of the reads that
  // failed, each refused before it reaches the network (see the README, Failures).
  return storeOutageTarget(stores, proxy, async () => {});
}

// A short per-operation deadline (the default is 5 s), to keep the outage short.
outageContract("firestore (the emulator behind a proxy that goes away)", () => behindProxy(1500));
// The default deadline: a call slowed past it fails, and the request is answered 503 before its own.
storeFaultsContract("firestore (the emulator behind a proxy that slows, goes away and comes back)", () => behindProxy());
