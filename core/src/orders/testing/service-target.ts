import type { Context } from "../../function/context.js";
import type { HttpRequest } from "../../function/http.js";
import { silentLogger } from "../../ports/json-logger.js";
import { createOrderService, type OrderService } from "../service.js";
import { MemoryIdempotencyStore } from "../../memory/idempotency-store.js";
import { MemoryOrderStore } from "../storage/memory-order-store.js";
import type { OrderDeps } from "../deps.js";
import { systemClock } from "../../ports/clock.js";
import { ulidIds } from "../ids.js";
import type { Stores } from "../stores.js";
import type { ContractRequest, ContractResponse } from "../../testing/http-target.js";
import type { ContractMessage, DeliveryOutcome } from "../../testing/delivery.js";

const context = (deadlineMs?: number): Context => ({
  requestId: "contract",
  cloud: "local",
  logger: silentLogger,
  ...(deadlineMs !== undefined && { deadline: Date.now() + deadlineMs }),
});

/** A contract request as the neutral HttpRequest every adapter produces. */
export function neutralRequest(request: ContractRequest): HttpRequest {
  const url = new URL(request.path, "http://localhost");
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const body = typeof request.body === "string" ? Buffer.from(request.body) : request.body;
  return { method: request.method, path: url.pathname, query: url.searchParams, headers, body };
}

/**
 * The service called directly, with no cloud in between: the reference transport; each request
 * with `deadlineMs` to answer, if given, as a cloud's function timeout gives it.
 */
export function serviceSend(service: OrderService, deadlineMs?: number) {
  return async (request: ContractRequest): Promise<ContractResponse> => {
    const response = await service.http(neutralRequest(request), context(deadlineMs));
    return { status: response.status, headers: response.headers, body: response.body ?? "" };
  };
}

/** Queue messages handed to the service as one batch: a failure is left for redelivery. */
export function serviceDeliver(service: OrderService) {
  return async (messages: ContractMessage[]): Promise<Record<string, DeliveryOutcome>> => {
    const result = await service.queue(
      messages.map((m) => ({ ...m, attempt: m.attempt ?? 1 })),
      context(),
    );
    const failed = new Set(result.failed.map((f) => f.id));
    return Object.fromEntries(messages.map((m) => [m.id, failed.has(m.id) ? "retry" : "done"]));
  };
}

/** The service's dependencies on the memory store, with the system clock and no queue behind it. */
export function memoryOrderDeps(overrides: Partial<OrderDeps> = {}): OrderDeps {
  return {
    orders: new MemoryOrderStore(),
    idempotency: new MemoryIdempotencyStore(),
    events: { publish: async () => {} },
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 100,
    ...overrides,
  };
}

/** The order service over the given stores, with the system clock and no queue behind it. */
export function serviceOver(stores: Pick<Stores, "orders" | "idempotency">): OrderService {
  return createOrderService(memoryOrderDeps(stores));
}
