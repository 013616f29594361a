import { silentLogger } from "@skyport/core";
import { createOrderService } from "@skyport/core/orders";
import { corsContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { lambdaHttpHandler } from "../src/index.js";
import { httpApiEvent, restApiEvent, sendThroughLambda } from "../src/testing/index.js";

for (const [name, event] of [
  ["HTTP API payload 2.0", httpApiEvent],
  ["REST API payload 1.0", restApiEvent],
] as const) {
  corsContract(`Lambda, ${name}`, (origins) => {
    const service = createOrderService(memoryOrderDeps({ cors: { origins: new Set(origins) } }));
    return {
      send: sendThroughLambda(
        lambdaHttpHandler(async () => service.http, { logger: silentLogger }),
        (r) => event(r),
      ),
    };
  });
}
