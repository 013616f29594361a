import { http } from "@google-cloud/functions-framework";
import { createOrderService } from "@skyport/core/orders";
import { fetchTarget } from "@skyport/core/testing";
import { breakableOrderStore, failureContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { gcpHttpHandler } from "../src/index.js";
import { serveFunction } from "../src/testing/index.js";
import { capturedLogger } from "./order-service.js";

// A store failing inside the running service: the framework must pass core's 500 or 503 on as it is.
failureContract("functions framework HTTP function, memory store", async () => {
  const deps = memoryOrderDeps();
  const { orders, faults } = breakableOrderStore(deps.orders);
  const service = createOrderService({ ...deps, orders });
  http(
    "ordersFailing",
    gcpHttpHandler(async () => service.http, { logger: capturedLogger().logger }),
  );
  const server = await serveFunction("ordersFailing");
  return fetchTarget(server.url, { faults, close: server.close });
});
