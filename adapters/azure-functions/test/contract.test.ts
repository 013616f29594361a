import { httpContract, queueContract, scheduleContract } from "@skyport/core/testing";
import { azureHandlers } from "../src/index.js";
import { azureHttpTarget, azureQueueTarget, hostInvocationContext, hostTimer } from "../src/testing/index.js";
import { memoryService } from "./memory-service.js";

/** The contracts through the three Azure handlers, on memory stores (apps/orders runs them on Cosmos). */
const options = { logLevel: "error", maxDequeueCount: 5 } as const;

httpContract("azure functions adapter (memory)", () => {
  const { deps, functions } = memoryService();
  return azureHttpTarget(azureHandlers(functions, options).http, { idempotency: deps.idempotency });
});

queueContract("azure functions adapter (memory)", () => {
  const { deps, functions } = memoryService();
  return azureQueueTarget(azureHandlers(functions, options).queue, deps.orders);
});

scheduleContract("azure functions adapter (memory)", () => {
  const { deps, functions } = memoryService();
  const { cleanup } = azureHandlers(functions, options);
  return {
    orders: deps.orders,
    retentionDays: deps.retentionDays,
    cleanupPageSize: deps.cleanupPageSize,
    tick: async () => void (await cleanup(hostTimer(), hostInvocationContext({ functionName: "orders-cleanup", triggerType: "timerTrigger" }))),
  };
});
