import {
  MemoryIdempotencyStore,
  MemoryOrderStore,
  createOrderService,
  silentLogger,
  systemClock,
  ulidIds,
  type Context,
  type EventPublisher,
  type OrderDeps,
} from "../src/index.js";
import { hostileInputContract, httpContract, queueContract, scheduleContract, type ContractRequest } from "../src/testing/index.js";

/** The service called directly with neutral requests: the reference every transport must match. */
function memoryDeps(overrides: Partial<OrderDeps> = {}): OrderDeps {
  const events: EventPublisher = { publish: async () => {} };
  return {
    orders: new MemoryOrderStore(),
    idempotency: new MemoryIdempotencyStore(),
    events,
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 5,
    ...overrides,
  };
}

const context = (): Context => ({ requestId: "test-request", cloud: "local", logger: silentLogger });

function neutralRequest(request: ContractRequest) {
  const url = new URL(request.path, "http://localhost");
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const body = typeof request.body === "string" ? Buffer.from(request.body) : request.body;
  return { method: request.method, path: url.pathname, query: url.searchParams, headers, body };
}

httpContract("core service, called directly", () => {
  const deps = memoryDeps();
  const service = createOrderService(deps);
  return {
    idempotency: deps.idempotency,
    async send(request) {
      const response = await service.http(neutralRequest(request), context());
      return { status: response.status, headers: response.headers, body: response.body ?? "" };
    },
  };
});

queueContract("core service, called directly", () => {
  const deps = memoryDeps();
  const service = createOrderService(deps);
  return {
    orders: deps.orders,
    async deliver(messages) {
      const result = await service.queue(messages.map((m) => ({ ...m, attempt: m.attempt ?? 1 })), context());
      const failed = new Map(result.failed.map((f) => [f.id, f.retryable]));
      return Object.fromEntries(messages.map((m) => [m.id, failed.has(m.id) ? "retry" : "done"]));
    },
  };
});

scheduleContract("core service, called directly", () => {
  const deps = memoryDeps();
  const service = createOrderService(deps);
  return {
    orders: deps.orders,
    retentionDays: deps.retentionDays,
    cleanupPageSize: deps.cleanupPageSize,
    tick: async () => void (await service.cleanup({}, context())),
  };
});

hostileInputContract("core service, called directly", () => {
  const deps = memoryDeps();
  const service = createOrderService(deps);
  return {
    orders: deps.orders,
    async send(request) {
      const response = await service.http(neutralRequest(request), context());
      return { status: response.status, headers: response.headers, body: response.body ?? "" };
    },
  };
});
