import { expect, it } from "vitest";

// The example of README.md, as written there.
it("runs the README's example", async () => {
  const { createOrderService, jsonLogger, memoryStores, systemClock, ulidIds } = await import("@skyport/core");
  const { cloudLoggingFormat, gcpFunctionOptions, registerGcpFunctions } = await import("../src/index.js");
  const { serveFunction } = await import("../src/testing/index.js");

  const service = createOrderService({
    ...memoryStores(),
    events: { publish: async () => {} },
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 100,
  });
  const logger = jsonLogger({ level: "info", format: cloudLoggingFormat(process.env.GOOGLE_CLOUD_PROJECT), write: () => {} });
  const options = gcpFunctionOptions(process.env, logger);
  registerGcpFunctions({ http: "orders", queue: "ordersQueue", cleanup: "ordersCleanup" }, async () => service, options);

  // Outside Cloud Functions, the framework's own server on loopback:
  const server = await serveFunction("orders");
  const response = await fetch(`${server.url}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"customerId":"cus_1","items":[{"sku":"A","quantity":1,"unitPrice":100}],"currency":"EUR"}',
  });
  // response.status === 201
  await server.close();

  expect(response.status).toBe(201);
});
