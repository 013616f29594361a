import { createOrderService, silentLogger } from "../src/index.js";
import {
  hostileInputContract,
  hostileMessagesContract,
  httpContract,
  memoryOrderDeps,
  queueContract,
  scheduleContract,
  serviceDeliver,
  serviceSend,
} from "../src/testing/index.js";

/** The service called directly with neutral requests: the reference every transport must match. */
const memoryDeps = () => memoryOrderDeps({ cleanupPageSize: 5 });

httpContract("core service, called directly", () => {
  const deps = memoryDeps();
  return { idempotency: deps.idempotency, send: serviceSend(createOrderService(deps)) };
});

hostileInputContract("core service, called directly", () => {
  const deps = memoryDeps();
  return { orders: deps.orders, send: serviceSend(createOrderService(deps)) };
});

queueContract("core service, called directly", () => {
  const deps = memoryDeps();
  return { orders: deps.orders, deliver: serviceDeliver(createOrderService(deps)) };
});

scheduleContract("core service, called directly", () => {
  const deps = memoryDeps();
  const service = createOrderService(deps);
  return {
    orders: deps.orders,
    retentionDays: deps.retentionDays,
    cleanupPageSize: deps.cleanupPageSize,
    tick: async () => void (await service.cleanup({}, { requestId: "tick", cloud: "local", logger: silentLogger })),
  };
});

hostileMessagesContract("core service, called directly", () => {
  const deps = memoryDeps();
  return { orders: deps.orders, deliver: serviceDeliver(createOrderService(deps)) };
});
