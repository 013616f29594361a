import { http } from "@google-cloud/functions-framework";
import { createOrderService } from "@skyport/core/orders";
import { fetchTarget } from "@skyport/core/testing";
import { corsContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { gcpHttpHandler } from "../src/index.js";
import { serveFunction } from "../src/testing/index.js";
import { capturedLogger } from "./order-service.js";

corsContract("functions framework HTTP function", async (origins) => {
  const service = createOrderService(memoryOrderDeps({ cors: { origins: new Set(origins) } }));
  http(
    "ordersCors",
    gcpHttpHandler(async () => service.http, { logger: capturedLogger().logger }),
  );
  const server = await serveFunction("ordersCors");
  return fetchTarget(server.url, { close: server.close });
});
