import { createOrderService, memoryStores, systemClock, ulidIds } from "@skyport/core";
import { expect, it } from "vitest";
import { azureHandlers, registerAzureFunctions } from "../src/index.js";
import { hostHttpRequest, hostInvocationContext } from "../src/testing/index.js";

// The README's example, run as written.
it("serves the order service through the Azure handlers", async () => {
  const service = createOrderService({
    ...memoryStores(),
    events: { publish: async () => {} },
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 100,
  });
  const handlers = azureHandlers(async () => service, { logLevel: "info", maxDequeueCount: 5, functionTimeoutMs: 300_000 });
  registerAzureFunctions(handlers); // in the Functions host this registers; elsewhere it warns and skips

  const response = await handlers.http(
    hostHttpRequest({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body: '{"customerId":"cus_1","items":[{"sku":"A","quantity":1,"unitPrice":100}],"currency":"EUR"}' }),
    hostInvocationContext({ functionName: "orders-http", triggerType: "httpTrigger" }),
  );
  expect(response.status).toBe(201);
  expect(JSON.parse(String(response.body))).toMatchObject({ customerId: "cus_1", total: 100, status: "pending" });
});
