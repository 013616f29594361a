import { orderStoresOn, StoreUnavailable } from "@skyport/core";
import { orderAt, storeFaultsContract, storeOutageTarget, switchableProxy } from "@skyport/core/testing";
import { inject } from "vitest";
import { firestoreDocuments } from "../src/index.js";

storeFaultsContract("firestore (the emulator behind a proxy that slows, goes away and comes back)", async () => {
  const [host, port] = inject("firestoreEmulatorHost").split(":");
  const proxy = await switchableProxy(Number(port), host);
  const env = { GOOGLE_CLOUD_PROJECT: "skyport-faults", FIRESTORE_EMULATOR_HOST: `127.0.0.1:${proxy.port}` };
  // The default per-operation deadline (5 s): a slowed call runs into it, and the request is answered 503.
  const stores = orderStoresOn(firestoreDocuments(env));
  // The emulator's first writes can be slow while its JVM warms up: write until one succeeds.
  for (let tries = 1; ; tries++) {
    const written = await stores.orders.create(orderAt(new Date())).then(
      () => true,
      (error: unknown) => (error instanceof StoreUnavailable && tries < 20 ? false : Promise.reject(error)),
    );
    if (written) break;
  }
  // Not stores.close(): terminate() waits for gax's own retries of the reads that failed (see the README, Failures).
  return storeOutageTarget(stores, proxy, async () => {});
});
