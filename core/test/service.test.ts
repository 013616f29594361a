import { silentLogger } from "../src/index.js";
import { createOrderService } from "../src/orders/index.js";
import type { ContractMessage } from "../src/testing/index.js";
import {
  breakableOrderStore,
  failureContract,
  hostileInputContract,
  hostileMessagesContract,
  httpContract,
  memoryOrderDeps,
  queueContract,
  scheduleContract,
  serviceDeliver,
  serviceSend,
} from "../src/orders/testing/index.js";

/** The service called directly with neutral requests: the reference every transport must match. */
const memoryDeps = () => memoryOrderDeps({ cleanupPageSize: 5 });

httpContract("core service, called directly", () => {
  const deps = memoryDeps();
  return { idempotency: deps.idempotency, orders: deps.orders, send: serviceSend(createOrderService(deps)) };
});

// The same, with each published event handed to the service's own queue consumer at settle():
// the contract's cases about confirmed orders then run as on a cloud whose queue confirms them.
httpContract("core service, called directly, its events delivered to its queue consumer", () => {
  const published: ContractMessage[] = [];
  const deps = memoryDeps();
  const service = createOrderService({
    ...deps,
    events: { publish: async (event) => void published.push({ id: `event-${published.length}`, body: JSON.stringify(event) }) },
  });
  const deliver = serviceDeliver(service);
  return { idempotency: deps.idempotency, orders: deps.orders, send: serviceSend(service), settle: async () => void (await deliver(published.splice(0))) };
});

failureContract("core service, called directly", () => {
  const deps = memoryDeps();
  const { orders, faults } = breakableOrderStore(deps.orders);
  return { faults, send: serviceSend(createOrderService({ ...deps, orders })) };
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
