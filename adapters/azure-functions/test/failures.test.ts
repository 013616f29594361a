import { createOrderService } from "@skyport/core/orders";
import { breakableOrderStore, failureContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { azureHttpHandler } from "../src/index.js";
import { azureHttpTarget } from "../src/testing/index.js";

// A store failing inside the running service: the worker must hand core's 500 or 503 to the host as it is.
failureContract("azure functions adapter (memory)", () => {
  const deps = memoryOrderDeps();
  const { orders, faults } = breakableOrderStore(deps.orders);
  const service = createOrderService({ ...deps, orders });
  return { ...azureHttpTarget(azureHttpHandler(async () => service.http, { logLevel: "error" })), faults };
});
