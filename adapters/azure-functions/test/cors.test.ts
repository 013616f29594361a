import { createOrderService } from "@skyport/core/orders";
import { corsContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { azureHttpHandler } from "../src/index.js";
import { azureHttpTarget } from "../src/testing/index.js";

corsContract("Azure Functions HTTP handler", (origins) => {
  const service = createOrderService(memoryOrderDeps({ cors: { origins: new Set(origins) } }));
  return azureHttpTarget(azureHttpHandler(async () => service.http, { logLevel: "error" }));
});
