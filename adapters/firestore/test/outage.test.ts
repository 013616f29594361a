import { outageContract, serviceDeliver, serviceOver, serviceSend, switchableProxy } from "@skyport/core/testing";
import { inject } from "vitest";
import { firestoreStores } from "../src/index.js";

outageContract("firestore (the emulator behind a proxy that goes away)", async () => {
  const [host, port] = inject("firestoreEmulatorHost").split(":");
  const proxy = await switchableProxy(Number(port), host);
  const env = { GOOGLE_CLOUD_PROJECT: "skyport-outage", FIRESTORE_EMULATOR_HOST: `127.0.0.1:${proxy.port}` };
  // A short per-operation deadline: the SDK alone would keep retrying for minutes.
  const stores = firestoreStores(env, { deadlineMs: 1500 });
  const service = serviceOver(stores);
  return {
    send: serviceSend(service),
    deliver: serviceDeliver(service),
    storeDown: () => proxy.down(),
    storeUp: () => proxy.up(),
    close: () => proxy.close(), // terminate() would wait for the SDK's abandoned retries
  };
});
