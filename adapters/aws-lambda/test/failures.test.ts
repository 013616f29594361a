import { silentLogger } from "@skyport/core";
import { createOrderService } from "@skyport/core/orders";
import { breakableOrderStore, failureContract, memoryOrderDeps, type FailureTarget } from "@skyport/core/orders/testing";
import { lambdaHttpHandler } from "../src/index.js";
import { httpApiEvent, restApiEvent, sendThroughLambda } from "../src/testing/index.js";

// A store failing inside the running service: the 500 or 503 must reach API Gateway's client intact.
function failingTarget(eventOf: Parameters<typeof sendThroughLambda>[1]): FailureTarget {
  const deps = memoryOrderDeps();
  const { orders, faults } = breakableOrderStore(deps.orders);
  const service = createOrderService({ ...deps, orders });
  return {
    faults,
    send: sendThroughLambda(
      lambdaHttpHandler(async () => service.http, { logger: silentLogger }),
      eventOf,
    ),
  };
}

failureContract("Lambda, HTTP API payload 2.0, memory store", () => failingTarget((r) => httpApiEvent(r)));
failureContract("Lambda, REST API payload 1.0, memory store", () => failingTarget((r) => restApiEvent(r)));
