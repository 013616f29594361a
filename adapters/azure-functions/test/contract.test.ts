import { httpContract, queueContract, scheduleContract } from "@skyport/core/orders/testing";
import { azureHttpHandler, azureQueueHandler, azureScheduleHandler } from "../src/index.js";
import { azureHttpTarget, deliverThroughStorageQueue, hostInvocationContext, hostTimer } from "../src/testing/index.js";
import { memoryService } from "./memory-service.js";

/** The contracts through the three Azure handlers, on memory stores (apps/orders runs them on Cosmos). */
const options = { logLevel: "error", maxDequeueCount: 5 } as const;

httpContract("azure functions adapter (memory)", () => {
  const { deps, http } = memoryService();
  return azureHttpTarget(azureHttpHandler(http, options), { idempotency: deps.idempotency });
});

queueContract("azure functions adapter (memory)", () => {
  const { deps, queue } = memoryService();
  return { orders: deps.orders, deliver: deliverThroughStorageQueue(azureQueueHandler(queue, options)) };
});

scheduleContract("azure functions adapter (memory)", () => {
  const { deps, cleanup: schedule } = memoryService();
  const cleanup = azureScheduleHandler(schedule, options);
  return {
    orders: deps.orders,
    retentionDays: deps.retentionDays,
    cleanupPageSize: deps.cleanupPageSize,
    tick: async () => void (await cleanup(hostTimer(), hostInvocationContext({ functionName: "orders-cleanup", triggerType: "timerTrigger" }))),
  };
});
