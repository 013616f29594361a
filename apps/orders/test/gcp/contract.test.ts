import { hostileInputContract, hostileMessagesContract, httpContract, queueContract, scheduleContract } from "@skyport/core/orders/testing";
import { pushDelivery, schedulerHeaders } from "@skyport/gcp-functions/testing";
import { expect } from "vitest";
import { gcpApp } from "./gcp-app.js";
import { uniqueProject } from "./function-env.js";

/**
 * The contracts through the functions the GCP entry registers, on the real functions framework,
 * over Google's Firestore emulator, with order.created published to Google's Pub/Sub emulator.
 */
httpContract("GCP functions framework, Firestore emulator, Pub/Sub emulator", async () => {
  const app = await gcpApp(uniqueProject("http"));
  return { send: app.send, idempotency: app.peer.idempotency, orders: app.peer.orders, settle: app.settle, close: app.close };
});

hostileInputContract("GCP functions framework, Firestore emulator", async () => {
  const projectId = uniqueProject("hostile");
  const app = await gcpApp(projectId);
  return { send: app.send, orders: app.peer.orders, settle: app.settle, secrets: [projectId], close: app.close };
});

for (const mode of ["binary", "structured"] as const) {
  queueContract(`GCP functions framework, Pub/Sub push CloudEvents in ${mode} mode, Firestore emulator`, async () => {
    // No outbox trigger: the queue contracts seed orders that only their own messages may confirm.
    const app = await gcpApp(uniqueProject(`queue-${mode}`), {}, {}, { outbox: false });
    return { orders: app.peer.orders, deliver: pushDelivery(app.urls.queue, mode, () => app.lines), close: app.close };
  });
}

hostileMessagesContract("GCP functions framework, Pub/Sub push CloudEvents, Firestore emulator", async () => {
  const app = await gcpApp(uniqueProject("hostile-messages"), {}, {}, { outbox: false });
  return { orders: app.peer.orders, deliver: pushDelivery(app.urls.queue, "binary", () => app.lines), close: app.close };
});

scheduleContract("GCP functions framework, Cloud Scheduler HTTP target, Firestore emulator (its own project)", async () => {
  const cleanupPageSize = 5;
  const app = await gcpApp(uniqueProject("schedule"), { SKYPORT_CLEANUP_PAGE_SIZE: String(cleanupPageSize) }, {}, { outbox: false });
  return {
    orders: app.peer.orders,
    retentionDays: 30,
    cleanupPageSize,
    async tick() {
      const response = await fetch(app.urls.cleanup, { method: "POST", headers: schedulerHeaders() });
      expect(response.status, await response.text()).toBe(200);
    },
    close: app.close,
  };
});
